// Ops post a notice and schedule a maintenance window; visitors of the sign-in page read both until ops withdraw
// the notice and call the window off; the audit log then shows the two steps, checks its chains and exports them.
import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { openAsOps } from "../support";

test("ops post a notice and schedule a maintenance window that the sign-in page announces, then find both in the audit log", async ({ browser }) => {
  test.setTimeout(90_000);
  const suffix = Math.random().toString(36).slice(2, 8);
  const noticeTitle = `Planned upgrade ${suffix}`;
  const reason = `CA key ceremony ${suffix}`;
  const ops = await openAsOps(browser);
  const visitor = await (await browser.newContext()).newPage();

  await test.step("ops post a notice for everyone", async () => {
    await ops.goto("/admin/notices");
    await expect(ops.getByRole("heading", { level: 1, name: "Notices" })).toBeVisible();
    const english = ops.getByRole("group", { name: "English" });
    await english.getByLabel("Title").fill(noticeTitle);
    await english.getByLabel("Text").fill("The platform will be upgraded this weekend.");
    await ops.getByRole("button", { name: "Post notice" }).click();
    await expect(ops.getByText("The notice has been posted.")).toBeVisible();
    await expect(ops.getByRole("row", { name: new RegExp(noticeTitle) })).toContainText("Shown now");
  });

  await test.step("a visitor of the sign-in page reads it", async () => {
    await visitor.goto("/sign-in");
    await expect(visitor.getByRole("heading", { level: 2, name: noticeTitle })).toBeVisible();
    await expect(visitor.getByText("The platform will be upgraded this weekend.")).toBeVisible();
  });

  await test.step("ops schedule a signing window for tomorrow, which announces itself", async () => {
    await ops.goto("/admin/maintenance");
    await ops.getByLabel("What pauses").selectOption("SIGNING");
    await ops.getByLabel("Reason (shown in the notice)").fill(reason);
    await ops.getByRole("button", { name: "Schedule", exact: true }).click();
    await expect(ops.getByText("The window has been scheduled and announced.")).toBeVisible();
    await expect(ops.getByRole("row", { name: new RegExp(reason) })).toContainText("Scheduled");
    await visitor.reload();
    await expect(visitor.getByText(reason)).toBeVisible();
  });

  await test.step("ops call the window off and withdraw the notice: the sign-in page shows neither", async () => {
    await ops.getByRole("row", { name: new RegExp(reason) }).getByRole("button", { name: "Call off" }).click();
    await expect(ops.getByRole("row", { name: new RegExp(reason) })).toContainText("Cancelled");
    await ops.goto("/admin/notices");
    await ops.getByRole("row", { name: new RegExp(noticeTitle) }).getByRole("button", { name: /Withdraw/ }).click();
    await expect(ops.getByRole("row", { name: new RegExp(noticeTitle) })).toContainText("Withdrawn");
    await visitor.reload();
    await expect(visitor.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
    await expect(visitor.getByText(reason)).toHaveCount(0);
    await expect(visitor.getByRole("heading", { level: 2, name: noticeTitle })).toHaveCount(0);
  });

  await test.step("the audit log lists both steps, holds together, and exports them as CSV", async () => {
    await ops.goto("/admin/audit");
    await ops.getByLabel("Action (or prefix ending in .)").fill("maintenance.");
    await ops.getByRole("button", { name: "Search" }).click();
    await expect(ops.getByRole("row", { name: /maintenance\.cancelled/ }).first()).toBeVisible();
    await expect(ops.getByRole("row", { name: /maintenance\.scheduled/ }).first()).toBeVisible();

    await ops.getByRole("button", { name: "Check the audit chain" }).click();
    await expect(ops.getByText("Every chain holds: no event has been edited, removed or inserted.")).toBeVisible();

    const download = ops.waitForEvent("download");
    await ops.getByRole("button", { name: "Export CSV" }).click();
    const file = await (await download).path();
    const csv = readFileSync(file, "utf8");
    expect(csv).toContain("maintenance.cancelled");
    expect(csv).toContain(reason);
    expect(csv).not.toContain("notices.posted");
  });
});
