// The representative's switch for requiring certificate sign-in. Turning it on from a password session is refused
// with an explanation (so nobody locks themselves out); nothing changes. surety@kr.demo.test is in no other spec.
import { expect, test } from "@playwright/test";
import { signInAs } from "../support.ts";

test("turning on required certificate sign-in from a password session explains to sign in with a certificate first", async ({ page }) => {
  await signInAs(page, "surety@kr.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Surety dashboard" })).toBeVisible();
  const settings = page.getByRole("region", { name: "Organization settings" });
  const requirement = settings.getByRole("switch", { name: "Require certificate sign-in for all users" });
  await expect(requirement).not.toBeChecked();
  await requirement.click();
  await expect(settings.getByRole("alert")).toContainText("Sign in with your certificate first");
  await expect(requirement).not.toBeChecked();

  // Nothing was saved: after a reload the switch is still off.
  await page.reload();
  await expect(requirement).not.toBeChecked();
});

test("a staff member has no organisation settings", async ({ page }) => {
  await signInAs(page, "orderer.staff@kr.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Orderer dashboard" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Organization settings" })).toHaveCount(0);
});
