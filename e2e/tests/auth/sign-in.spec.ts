import { expect, test } from "@playwright/test";
import { DEMO_PASSWORD, expectSignInPage, openAsOps, signInWithEmail } from "../support.ts";

const ROLES = [
  { email: "orderer@kr.demo.test", path: "/orderer", heading: "Orderer dashboard", organization: "한빛시 도시건설본부", role: "Representative" },
  { email: "contractor.staff@kr.demo.test", path: "/contractor", heading: "Contractor dashboard", organization: "미래종합건설 주식회사", role: "Staff" },
  { email: "surety@jp.demo.test", path: "/surety", heading: "Surety dashboard", organization: "東和建設保証株式会社", role: "Representative" },
];

for (const { email, path, heading, organization, role } of ROLES) {
  test(`${email} signs in and lands on the ${heading}`, async ({ page }) => {
    await signInWithEmail(page, email);
    await expect(page).toHaveURL(new RegExp(`${path}$`));
    await expect(page.getByRole("heading", { level: 1, name: heading })).toBeVisible();
    const header = page.getByRole("banner");
    await expect(header.getByText(organization).first()).toBeVisible();
    await expect(header.getByText(role).first()).toBeVisible();
    await expect(page.getByRole("main").getByText(organization).first()).toBeVisible();
  });
}

test("ops@demo.test needs its certificate: the password alone opens the certificate page, the certificate the console", async ({ browser }) => {
  test.setTimeout(90_000);
  const passwordOnly = await (await browser.newContext()).newPage();
  await signInWithEmail(passwordOnly, "ops@demo.test");
  await expect(passwordOnly.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
  await passwordOnly.goto("/admin/organizations");
  await expect(passwordOnly.getByRole("heading", { level: 1, name: "Organizations" })).toHaveCount(0);

  const page = await openAsOps(browser);
  const header = page.getByRole("banner");
  await expect(header.getByText("플랫폼 운영센터").first()).toBeVisible();
  await expect(header.getByText("Manager").first()).toBeVisible();
});

test("signs in with the registration number (with hyphens) and user ID", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "Registration number + user ID" }).click();
  await page.getByLabel("Registration number").fill("6-0100-0100-0001");
  await page.getByLabel("User ID").fill("suzuki02");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Orderer dashboard" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("東都市 建設局").first()).toBeVisible();
});

test("a wrong password gets a clear message and no session", async ({ page }) => {
  await signInWithEmail(page, "contractor@jp.demo.test", "not the password");
  await expect(page.getByRole("alert")).toContainText("The e-mail/ID or password is incorrect.");
  await page.goto("/contractor");
  await expectSignInPage(page);
});

test("ten wrong passwords lock the account and say until when", async ({ page }) => {
  // This account is used by no other test. Nine failures through the API, the tenth as a person would.
  const email = "surety.staff@jp.demo.test";
  for (let attempt = 1; attempt <= 9; attempt++) {
    const response = await page.request.post("/api/auth/sign-in", { data: { email, password: `wrong ${attempt}` } });
    expect(response.status()).toBe(401);
  }
  await signInWithEmail(page, email, "wrong 10");
  const alert = page.getByRole("alert");
  await expect(alert).toContainText("locked because of repeated failed sign-ins");
  await expect(alert).toContainText(/\d{1,2}:\d{2}/); // the time it ends

  // Even the right password is refused until then.
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByRole("alert")).toContainText("locked");
  await expect(page).toHaveURL(/\/sign-in/);
});

test("a signed-out visitor asking for a dashboard is sent to sign in, then back to it", async ({ page }) => {
  await page.goto("/surety");
  await expectSignInPage(page);
  await page.getByRole("tab", { name: "E-mail" }).click();
  await page.getByLabel("E-mail").fill("surety.staff@kr.demo.test");
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/surety$/);
  await expect(page.getByRole("heading", { level: 1, name: "Surety dashboard" })).toBeVisible();
});

test("a user opening another kind's dashboard is taken to their own", async ({ page }) => {
  await signInWithEmail(page, "contractor@kr.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  await page.goto("/admin");
  await expect(page).toHaveURL(/\/contractor$/);
  await expect(page.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
});

test("the session survives a reload, and signing out ends it", async ({ page }) => {
  await signInWithEmail(page, "orderer.staff@kr.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Orderer dashboard" })).toBeVisible();
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Orderer dashboard" })).toBeVisible();

  await page.getByRole("button", { name: "Sign out" }).click();
  await expectSignInPage(page);
  await page.goto("/orderer");
  await expectSignInPage(page);
});

test("the guarantee lookup page is open without an account", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByRole("link", { name: "Verify a guarantee certificate" }).first().click();
  await expect(page).toHaveURL(/\/verify$/);
  await expect(page.getByRole("heading", { level: 1 })).toBeVisible();
});
