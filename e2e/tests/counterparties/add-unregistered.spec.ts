// A member adds a counterparty that is not on the platform yet: it gets an invitation link that opens a
// registration form already filled in with what the member entered.
import { expect, test } from "@playwright/test";
import { makeKoreanBusinessNumber, signInAs } from "../support.ts";

test("an orderer registers a contractor that is not on the platform and invites it", async ({ page, browser }) => {
  const suffix = Date.now().toString(36);
  const registrationNumber = makeKoreanBusinessNumber();
  const name = `가람토건 ${suffix}`;

  await signInAs(page, "orderer.staff@kr.demo.test");
  await page.getByRole("link", { name: "Counterparties" }).first().click();
  await expect(page.getByRole("heading", { level: 1, name: "Counterparties" })).toBeVisible();
  await page.getByRole("button", { name: "Add counterparty" }).click();
  await page.getByRole("tab", { name: "Not on the platform yet" }).or(page.getByRole("button", { name: "Not on the platform yet" })).click();
  await page.getByLabel("Organization type").selectOption("CONTRACTOR");
  await page.getByLabel("Country").selectOption("KR");
  await page.getByLabel("Registration number").fill(registrationNumber);
  await page.getByLabel("Organization name").fill(name);
  await page.getByLabel("Contact name").fill("강가람");
  await page.getByLabel("Department").fill("공무팀");
  await page.getByLabel("Phone").fill("031-555-0100");
  await page.getByLabel("Contact e-mail").fill(`garam-${suffix}@garam.example`);
  await page.getByRole("button", { name: "Register and invite" }).click();

  const link = page.getByLabel("Invitation link");
  await expect(link).toHaveValue(/\/register\?invitation=/);
  const invitationUrl = await link.inputValue();

  await page.goto("/counterparties");
  await expect(page.getByRole("link", { name })).toBeVisible();
  await page.getByRole("link", { name }).click();
  await expect(page.getByRole("heading", { level: 1, name })).toBeVisible();
  await expect(page.getByText("강가람").first()).toBeVisible();

  // The invited contractor opens the link: the application form is filled in.
  const invited = await (await browser.newContext()).newPage();
  await invited.goto(invitationUrl);
  await expect(invited.getByRole("heading", { level: 1, name: "Apply for registration" })).toBeVisible();
  await expect(invited.getByLabel("Registration number")).toHaveValue(new RegExp(registrationNumber.slice(-5)));
  await expect(invited.getByLabel("Organization name", { exact: true })).toHaveValue(name);
});
