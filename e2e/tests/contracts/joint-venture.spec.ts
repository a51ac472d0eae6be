// A joint venture on the contractor side (issue 8, 共同企業体): the Japanese demo orderer drafts a contract with
// 青葉建設 as the lead and 北星工業 as a member (60 % / 40 %), sends it; the member signs first, the lead after it
// (the lead could not sign before), the orderer last; /verify reports three valid signatures in that order.
// These three representatives request certificates in no other spec (one open request per user).
import { readFileSync } from "node:fs";
import { expect, test, type Locator, type Page } from "@playwright/test";
import { approveCertificateRequests, openAs, openContract, requestCertificate, signContract } from "../support.ts";

const ORDERER = { email: "orderer@jp.demo.test", name: "佐藤 美咲" };
const LEAD = { email: "contractor@jp.demo.test", name: "高橋 大輔", organization: "青葉建設株式会社" };
const MEMBER = { email: "contractor2@jp.demo.test", name: "小林 翔", organization: "北星工業株式会社" };

async function optionValue(scope: Page | Locator, label: string, text: string): Promise<string> {
  const value = await scope.getByLabel(label, { exact: true }).locator("option", { hasText: text }).getAttribute("value");
  if (!value) throw new Error(`No option "${text}" in ${label}`);
  return value;
}

test("a two-member joint venture signs member first, then lead, then the orderer; /verify finds three valid signatures", async ({ browser }) => {
  test.setTimeout(300_000);
  const title = `E2E 共同企業体 橋梁補修工事 ${Date.now()}`;

  const orderer = await openAs(browser, ORDERER.email);
  const lead = await openAs(browser, LEAD.email);
  const member = await openAs(browser, MEMBER.email);
  for (const [page, person] of [[orderer, ORDERER], [lead, LEAD], [member, MEMBER]] as const) {
    await requestCertificate(browser, page, person.name);
  }
  await approveCertificateRequests(browser, [ORDERER.name, LEAD.name, MEMBER.name]);
  for (const page of [orderer, lead, member]) {
    await page.reload();
    await expect(page.getByText("Valid").first()).toBeVisible();
  }

  // The orderer drafts the joint-venture contract and sends it.
  await orderer.goto("/contracts/new");
  await expect(orderer.getByRole("heading", { level: 1, name: "New contract" })).toBeVisible();
  await orderer.getByRole("radio", { name: "Joint venture" }).check();
  await orderer.getByLabel("Joint venture name").fill("青葉・北星特定建設工事共同企業体");
  await orderer.getByLabel("Lead firm", { exact: true }).selectOption(await optionValue(orderer, "Lead firm", LEAD.organization));
  await orderer.getByLabel("Lead firm's share (%)").fill("60");
  // Choosing a joint venture opens the first member's row.
  const firstMember = orderer.getByRole("group", { name: "Member firm 1" });
  await firstMember.getByLabel("Firm").selectOption(await optionValue(firstMember, "Firm", MEMBER.organization));
  await firstMember.getByLabel("Share (%)").fill("40");
  await expect(orderer.getByText("Total: 100%")).toBeVisible();
  await orderer.getByLabel("Title of the works").fill(title);
  await orderer.getByLabel("Contract amount (JPY)").fill("480000000");
  await orderer.getByLabel("Works start date").fill("2027-01-12");
  await orderer.getByLabel("Works end date").fill("2027-09-30");
  await orderer.getByLabel("Contract date").fill("2026-12-24");
  await orderer.getByLabel("Place of the works").fill("東都市北区一丁目地内");
  await orderer.getByRole("button", { name: "Save draft" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toBeVisible();
  await expect(orderer.getByText("青葉・北星特定建設工事共同企業体").first()).toBeVisible();
  await orderer.getByRole("button", { name: "Send to contractor" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Sent for signature");

  // The lead may not sign before its member: it sees whose signature is awaited.
  await openContract(lead, title);
  await expect(lead.getByText(`Waiting for ${MEMBER.organization}'s signature`)).toBeVisible();
  await expect(lead.getByRole("button", { name: "Sign", exact: true })).toHaveCount(0);

  // The member signs, then the lead, then the orderer.
  await openContract(member, title);
  await signContract(member, "Your signature has been added.");
  await lead.reload();
  await signContract(lead, "Your signature has been added.");
  await orderer.reload();
  await signContract(orderer, "Your signature has been added. The contract is complete.");
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Completed");

  const [download] = await Promise.all([member.waitForEvent("download"), (async () => {
    await member.reload();
    await member.getByRole("button", { name: "Download signed PDF" }).click();
  })()]);
  const signed = readFileSync(await download.path());

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  await visitor.getByLabel("Signed PDF file").setInputFiles({ name: "jv-contract.pdf", mimeType: "application/pdf", buffer: signed });
  await expect(visitor.getByText("All 3 signatures are valid.")).toBeVisible({ timeout: 30_000 });
  await expect(visitor.getByRole("heading", { name: /Signature 1: ContractorMember1Signature/ })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: /Signature 2: ContractorSignature/ })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: /Signature 3: OrdererSignature/ })).toBeVisible();
});
