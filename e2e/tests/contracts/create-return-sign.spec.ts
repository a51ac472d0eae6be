// The electronic contract as both sides live it (issue 5): the orderer creates and sends a contract, the contractor
// returns it with a reason, the orderer revises and sends it again, the contractor signs, the orderer signs, both
// download the signed PDF (the contractor its signature report too), and the public /verify page reports two valid
// signatures. Each representative first gets a certificate for a key made in their browser (ops approves
// representatives' requests; the contract-documents spec, which runs after this one, signs as the same two users).
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { approveCertificateRequests, openAs, openContract, requestCertificate, signContract } from "../support.ts";

const ORDERER = { email: "orderer@kr.demo.test", name: "김서연" };
const CONTRACTOR = { email: "contractor@kr.demo.test", name: "이민호", organization: "미래종합건설" };

async function downloadSignedPdf(page: Page): Promise<Buffer> {
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("button", { name: "Download signed PDF" }).click()]);
  const file = await download.path();
  return readFileSync(file);
}

test("orderer sends, contractor returns, orderer resends, both sign, both download, /verify finds two valid signatures", async ({ browser }) => {
  // Two key generations, approvals, two signatures with time-stamps and several page loads in four browsers.
  test.setTimeout(240_000);
  const title = `E2E 보행교 보수공사 ${Date.now()}`;

  const orderer = await openAs(browser, ORDERER.email);
  const contractor = await openAs(browser, CONTRACTOR.email);
  await requestCertificate(browser, orderer, ORDERER.name);
  await requestCertificate(browser, contractor, CONTRACTOR.name);
  await approveCertificateRequests(browser, [ORDERER.name, CONTRACTOR.name]);
  for (const page of [orderer, contractor]) {
    await page.reload();
    await expect(page.getByText("Valid").first()).toBeVisible();
  }

  // The orderer drafts the contract and sends it.
  await orderer.goto("/contracts");
  await expect(orderer.getByRole("heading", { level: 1, name: "Contracts" })).toBeVisible();
  await orderer.getByRole("link", { name: "New contract" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: "New contract" })).toBeVisible();
  const contractorSelect = orderer.getByLabel("Contractor");
  const contractorValue = await contractorSelect.locator("option", { hasText: CONTRACTOR.organization }).getAttribute("value");
  await contractorSelect.selectOption(contractorValue!);
  await orderer.getByLabel("Title of the works").fill(title);
  await orderer.getByLabel("Contract amount (KRW)").fill("150000000");
  await orderer.getByLabel("Works start date").fill("2027-01-04");
  await orderer.getByLabel("Works end date").fill("2027-06-30");
  await orderer.getByLabel("Contract date").fill("2026-12-20");
  await orderer.getByLabel("Place of the works").fill("한빛시 강변로 일원");
  await orderer.getByRole("button", { name: "Add section" }).click();
  await orderer.getByLabel("Section heading").fill("계약의 목적");
  await orderer.getByLabel("Section text").fill("계약상대자는 설계서에 따라 보행교 보수공사를 시공한다.");
  // A contract guarantee would gate the contractor's signature (API tests cover the gate: offline-and-gate.test.ts); an advance
  // payment guarantee comes after the contract.
  await orderer.getByRole("checkbox", { name: "Advance payment guarantee", exact: true }).check();
  await orderer.getByRole("button", { name: "Save draft" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toBeVisible();
  await orderer.getByRole("button", { name: "Send to contractor" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Sent for signature");

  // The contractor returns it with a reason.
  await openContract(contractor, title);
  await contractor.getByRole("button", { name: "Return", exact: true }).click();
  const returnDialog = contractor.getByRole("dialog", { name: "Return the contract" });
  await returnDialog.getByRole("textbox", { name: "Reason for returning" }).fill("계약금액이 견적과 다릅니다.");
  await returnDialog.getByRole("button", { name: "Return contract" }).click();
  await expect(contractor.getByText("Reason: 계약금액이 견적과 다릅니다.")).toBeVisible();

  // The orderer revises the amount and sends it again.
  await orderer.reload();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Returned");
  await orderer.getByRole("link", { name: "Edit" }).click();
  await orderer.getByLabel("Contract amount (KRW)").fill("160000000");
  await orderer.getByRole("button", { name: "Save draft" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toBeVisible();
  await orderer.getByRole("button", { name: "Send to contractor" }).click();
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Sent for signature");

  // The contractor signs, then the orderer.
  await contractor.reload();
  await signContract(contractor, "Your signature has been added.");
  await orderer.reload();
  await signContract(orderer, "Your signature has been added. The contract is complete.");
  await expect(orderer.getByRole("heading", { level: 1, name: title, exact: false })).toContainText("Completed");

  // Both download the signed PDF: the same bytes, two signatures.
  await contractor.reload();
  const fromOrderer = await downloadSignedPdf(orderer);
  const fromContractor = await downloadSignedPdf(contractor);
  expect(fromContractor.equals(fromOrderer)).toBe(true);
  expect(fromOrderer.subarray(0, 5).toString()).toBe("%PDF-");

  // And the signature report: a PDF of its own, in the contract's language.
  const [reportDownload] = await Promise.all([contractor.waitForEvent("download"), contractor.getByRole("button", { name: "Download signature report" }).click()]);
  expect(reportDownload.suggestedFilename()).toMatch(/signature-report\.pdf$/);
  expect(readFileSync(await reportDownload.path()).subarray(0, 5).toString()).toBe("%PDF-");

  // Anyone can check it on /verify, without an account.
  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto("/verify");
  await expect(visitor.getByRole("heading", { name: "Verify a signed PDF" })).toBeVisible();
  await visitor.getByLabel("Signed PDF file").setInputFiles({ name: "contract.pdf", mimeType: "application/pdf", buffer: fromOrderer });
  await expect(visitor.getByText("All 2 signatures are valid.")).toBeVisible({ timeout: 30_000 });
  await expect(visitor.getByRole("heading", { name: /Signature 1: ContractorSignature/ })).toBeVisible();
  await expect(visitor.getByRole("heading", { name: /Signature 2: OrdererSignature/ })).toBeVisible();
});
