// A step that waits on someone reaches them: a staff member's certificate request shows in the representative's
// inbox (bell, list, link to the approvals) and its e-mail the ops mailbox (no SMTP in e2e); the requester hears of the
// issued certificate. contractor.staff@jp.demo.test requests certificates in no other spec.
import { expect, test } from "@playwright/test";
import { openAs, openAsOps, requestCertificate } from "../support";

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

  await test.step("ops read the e-mail in the local mailbox", async () => {
    const ops = await openAsOps(browser);
    await ops.goto("/admin/mail");
    await expect(ops.getByText("No SMTP server is configured")).toBeVisible();
    // Other specs write mail at the same time: find this one by its recipient. It is in the language contractor@jp
    // chose last — Japanese by the organisation's country, English once the language spec has switched it.
    await ops.getByLabel("Recipient or subject").fill("contractor@jp.demo.test");
    await ops.getByRole("button", { name: "Search", exact: true }).click();
    const subject = /(証明書発行の承認依頼：|Certificate request to approve: )田中/;
    const mail = ops.getByRole("row", { name: subject }).first();
    await expect(mail).toContainText("Sent");
    await mail.getByRole("button", { name: subject }).click();
    await expect(ops.getByText(/(開く|Open): http:\/\/127\.0\.0\.1:/)).toBeVisible();
    await expect(ops.frameLocator("iframe.outbox__preview").getByRole("link", { name: /^(開く|Open)$/ })).toBeVisible();
  });
});
