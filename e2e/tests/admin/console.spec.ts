// The ops console: the status card, organisations with suspension that refuses sign-in until reactivation, the
// records pages (no authentication key on them) and the CRL. contractor2.staff@jp.demo.test is in no other spec.
import { expect, test } from "@playwright/test";
import { openAsOps, signInWithEmail } from "../support";

const SUSPENDED_USER = "contractor2.staff@jp.demo.test";

test("ops suspend a user, whose sign-in is refused until they reactivate them; the records pages show no key", async ({ browser }) => {
  test.setTimeout(90_000);
  const ops = await openAsOps(browser);

  await test.step("the console opens with the system status", async () => {
    await ops.goto("/admin");
    const status = ops.getByRole("region", { name: "System status" });
    await expect(status).toContainText("migrations applied");
    await expect(status).toContainText("Embedded PostgreSQL (PGlite)");
  });

  await test.step("ops find the organisation and suspend one of its users with a reason", async () => {
    await ops.getByRole("navigation", { name: /main/i }).getByRole("link", { name: "Organizations" }).click();
    await ops.getByLabel("Name or registration number").fill("2430001000004");
    await ops.getByRole("button", { name: "Search" }).click();
    await ops.getByRole("link", { name: "北星工業" }).click();
    await expect(ops.getByRole("heading", { level: 1, name: "北星工業" })).toBeVisible();
    const row = ops.getByRole("row", { name: new RegExp(SUSPENDED_USER.replace(/\./g, "\\.")) });
    await row.getByRole("button", { name: /^Suspend/ }).click();
    const dialog = ops.getByRole("dialog");
    await dialog.getByLabel("Reason (kept in the audit log)").fill("Reported lost laptop");
    await dialog.getByRole("button", { name: "Suspend" }).click();
    await expect(dialog).toHaveCount(0);
    await expect(row).toContainText("Suspended");
  });

  const user = await (await browser.newContext()).newPage();
  await test.step("the suspended user cannot sign in", async () => {
    await signInWithEmail(user, SUSPENDED_USER);
    await expect(user.getByRole("alert")).toContainText("This account is disabled or suspended");
    await expect(user).toHaveURL(/\/sign-in/);
  });

  await test.step("ops reactivate the user, who signs in again", async () => {
    const row = ops.getByRole("row", { name: new RegExp(SUSPENDED_USER.replace(/\./g, "\\.")) });
    await row.getByRole("button", { name: /^Reactivate/ }).click();
    const dialog = ops.getByRole("dialog");
    await dialog.getByLabel("Reason (kept in the audit log)").fill("Laptop found");
    await dialog.getByRole("button", { name: "Reactivate" }).click();
    await expect(row).not.toContainText("Suspended");
    await signInWithEmail(user, SUSPENDED_USER);
    await expect(user).not.toHaveURL(/\/sign-in/);
  });

  await test.step("contracts, guarantees and certificates are listed read-only, without the authentication key", async () => {
    await ops.goto("/admin/contracts");
    await expect(ops.getByRole("row", { name: /C-2026-000001/ })).toBeVisible();
    await ops.goto("/admin/guarantees");
    await ops.getByLabel("Number, works title or party").fill("10000-000001");
    await ops.getByRole("button", { name: "Search" }).click();
    await expect(ops.getByRole("row", { name: /10000-000001/ })).toContainText("Issued");
    await expect(ops.locator("body")).not.toContainText("Hk7mPq2RxW9tZa");
    await ops.goto("/admin/certificates");
    await expect(ops.getByRole("region", { name: "Certificate revocation list" })).toContainText("CRL number");
    await ops.getByRole("button", { name: "Publish a CRL now" }).click();
    await expect(ops.getByRole("row").nth(1)).toBeVisible();
  });

  await test.step("the audit log has the suspension and the reactivation with their reasons", async () => {
    await ops.goto("/admin/audit");
    await ops.getByLabel("Action (or prefix ending in .)").fill("admin.");
    await ops.getByRole("button", { name: "Search" }).click();
    await expect(ops.getByRole("row", { name: /admin\.user_suspended/ }).first()).toContainText("Reported lost laptop");
    await expect(ops.getByRole("row", { name: /admin\.user_reactivated/ }).first()).toContainText("Laptop found");
  });
});
