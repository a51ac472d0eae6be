// The whole way onto the platform: a contractor applies with a document, ops puts the application on hold, the
// applicant answers with another document, ops approves, the representative signs in and invites a colleague,
// who accepts and signs in.
import { expect, test, type Page } from "@playwright/test";
import { makeKoreanBusinessNumber, makePdf, openAsOps, signInWithEmail } from "../support.ts";

test("a contractor applies, is put on hold, answers, is approved and invites a colleague", async ({ browser }) => {
  test.setTimeout(120_000);
  const suffix = Date.now().toString(36);
  const registrationNumber = makeKoreanBusinessNumber();
  const organizationName = `새봄건설 주식회사 ${suffix}`;
  const representativeEmail = `rep-${suffix}@saebom.example`;
  const password = "spring-Build-2026";

  const applicant = await (await browser.newContext()).newPage();

  // The application, from the sign-in page.
  await applicant.goto("/sign-in");
  await applicant.getByRole("link", { name: "Apply for registration" }).click();
  await expect(applicant.getByRole("heading", { level: 1, name: "Apply for registration" })).toBeVisible();
  await applicant.getByLabel("Organization type").selectOption("CONTRACTOR");
  await applicant.getByLabel("Country").selectOption("KR");
  await applicant.getByLabel("Registration number").fill(`${registrationNumber.slice(0, 3)}-${registrationNumber.slice(3, 5)}-${registrationNumber.slice(5)}`);
  await applicant.getByLabel("Organization name", { exact: true }).fill(organizationName);
  await applicant.getByLabel("Organization name (Latin letters)").fill(`Saebom Construction ${suffix}`);
  await applicant.getByLabel("Representative").fill("윤새봄");
  await applicant.getByLabel("Address").fill("서울특별시 마포구 월드컵북로 400");
  await applicant.getByLabel("Contact person").fill("윤새봄");
  await applicant.getByLabel("Contact e-mail").fill(representativeEmail);
  await applicant.getByLabel("Contact phone").fill("02-123-4567");
  await applicant.getByLabel("Your name").fill("윤새봄");
  await applicant.getByLabel("User ID").fill("saebom01");
  await applicant.getByLabel("E-mail", { exact: true }).fill(representativeEmail);
  await applicant.getByLabel("Password", { exact: true }).fill(password);
  await applicant.getByLabel("Documents").setInputFiles(makePdf("business-registration-certificate"));
  await applicant.getByRole("button", { name: "Submit application" }).click();
  await expect(applicant.getByRole("heading", { level: 1, name: "Registration status" })).toBeVisible();
  await expect(applicant.getByText("Pending").first()).toBeVisible();

  // Ops finds it in the queue and asks for more.
  const ops = await openAsOps(browser);
  await ops.goto("/admin/registrations");
  await expect(ops.getByRole("heading", { level: 1, name: "Registration applications" })).toBeVisible();
  await ops.getByRole("link", { name: organizationName }).click();
  await expect(ops.getByText("business-registration-certificate.pdf")).toBeVisible();
  const missing = "Please add the certificate of corporate registration (법인등기부등본).";
  await ops.getByLabel("Reason").fill(missing);
  await ops.getByRole("button", { name: "Put on hold" }).click();
  await expect(ops.getByText("On hold").first()).toBeVisible();

  // The applicant sees what is missing and answers.
  await applicant.reload();
  await expect(applicant.getByText("On hold").first()).toBeVisible();
  await expect(applicant.getByText(missing).first()).toBeVisible();
  await applicant.getByLabel("Message").fill("Attached the certificate of corporate registration.");
  await applicant.getByLabel("Documents").setInputFiles(makePdf("corporate-registration"));
  await applicant.getByRole("button", { name: "Send documents" }).click();
  await expect(applicant.getByText("Pending").first()).toBeVisible();

  // Ops approves.
  await ops.reload();
  await expect(ops.getByText("corporate-registration.pdf")).toBeVisible();
  await ops.getByRole("button", { name: "Approve" }).click();
  await expect(ops.getByText("Approved").first()).toBeVisible();

  // The representative reaches the dashboard.
  await applicant.reload();
  await expect(applicant.getByText("Approved").first()).toBeVisible();
  await applicant.getByRole("button", { name: "Go to dashboard" }).click();
  await expect(applicant.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();

  // … and invites a colleague.
  const colleagueEmail = `staff-${suffix}@saebom.example`;
  const invitationLink = await inviteColleague(applicant, colleagueEmail);

  const colleague = await (await browser.newContext()).newPage();
  await colleague.goto(invitationLink);
  await expect(colleague.getByRole("heading", { level: 1, name: "Join your organization" })).toBeVisible();
  await expect(colleague.getByText(organizationName).first()).toBeVisible();
  await colleague.getByLabel("Your name").fill("한가을");
  await colleague.getByLabel("User ID").fill("gaeul02");
  await colleague.getByLabel("Password", { exact: true }).fill("autumn-Leaves-2026");
  await colleague.getByLabel("Confirm password").fill("autumn-Leaves-2026");
  await colleague.getByRole("button", { name: "Create account" }).click();
  await expect(colleague.getByRole("link", { name: /sign in/i }).first()).toBeVisible();

  await signInWithEmail(colleague, colleagueEmail, "autumn-Leaves-2026");
  await expect(colleague.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  await expect(colleague.getByRole("banner").getByText(organizationName).first()).toBeVisible();
});

async function inviteColleague(page: Page, email: string): Promise<string> {
  await page.getByRole("link", { name: "Users" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Users" })).toBeVisible();
  // exact: the member list has a "Role of <name>" select per user.
  await page.getByLabel("E-mail", { exact: true }).fill(email);
  await page.getByLabel("Role", { exact: true }).selectOption("STAFF");
  await page.getByRole("button", { name: "Send invitation" }).click();
  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/invitations\//);
  return link.inputValue();
}
