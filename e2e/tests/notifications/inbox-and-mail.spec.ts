// A step that waits on someone reaches them: a staff member's certificate request shows in the representative's
// inbox (bell, list, link to the approvals), and the requester hears of the issued certificate. The mail itself is
// tested against a real SMTP server in the API tests. contractor.staff@jp.demo.test requests certificates in no other spec.
import { expect, test } from "@playwright/test";
import { openAs, requestCertificate } from "../support";

test("a certificate request reaches the representative's inbox and the mailbox; approving it tells the requester", async ({ browser }) => {
  test.setTimeout(90_000);
  const staff = await openAs(browser, "contractor.staff@jp.demo.test");
  await requestCertificate(browser, staff, "田中");

  const representative = await openAs(browser, "contractor@jp.demo.test");
  await test.step("the representative's bell counts it and the inbox opens the approvals", async () => {
    await representative.goto("/contractor");
    await expect(representative.getByRole("link", { name: /^Notifications: [1-9]\d* unread$/ })).toBeVisible();
    await representative.getByRole("link", { name: /^Notifications:/ }).click();
    await expect(representative.getByRole("heading", { level: 1, name: "Notifications" })).toBeVisible();
    // Other specs' steps may notify this organisation at the same time: find this one by its words.
    const entry = representative.getByRole("button", { name: /田中.*requests a signing certificate/ }).first();
    await entry.click();
    await expect(representative).toHaveURL(/\/certificates\/approvals/);
    await representative.getByRole("listitem").filter({ hasText: "田中" }).getByRole("button", { name: "Approve" }).first().click();
    await expect(representative.getByRole("listitem").filter({ hasText: "田中" })).toHaveCount(0);
  });

  await test.step("the requester is told the certificate was issued", async () => {
    await staff.goto("/notifications");
    const issued = staff.getByRole("listitem").filter({ hasText: "Your certificate has been issued" }).first();
    await expect(issued).toContainText("Unread");
    await staff.getByRole("button", { name: "Mark all read" }).click();
    await expect(issued).not.toContainText("Unread");
    await expect(issued.getByRole("button", { name: "Mark read" })).toHaveCount(0);
  });
});
