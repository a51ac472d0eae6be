// The electronic guarantee as the contractor and the surety live it (issue 6): the contractor applies, the surety
// asks for a correction, the contractor fixes and sends it again, the surety issues it with its own key (a
// signature over the certificate data and the certificate PDF, time-stamped), the contractor sees the
// authentication key and downloads the key notice, the surety changes the amount and the history shows two
// versions. The Japanese contractor representative and surety representative hold keys in no other spec.
import { readFileSync } from "node:fs";
import { expect, test, type Page } from "@playwright/test";
import { getCertificate, openAs } from "../support.ts";

const CONTRACTOR = "contractor@jp.demo.test";
const SURETY = { email: "surety@jp.demo.test", name: "伊藤 直樹", organization: "東和建設保証" };

async function openGuarantee(page: Page, worksTitle: string) {
  await page.goto("/guarantees");
  await page.getByRole("tab", { name: "All guarantees" }).click();
  await page.getByRole("link", { name: worksTitle }).click();
  await expect(page.getByRole("heading", { level: 1, name: worksTitle, exact: false })).toBeVisible();
}

async function signPrepared(page: Page, signButton: string, expectedStatus: RegExp) {
  await page.getByRole("button", { name: "Prepare for signing" }).click();
  const firstCertificate = page.getByRole("group", { name: "Sign with" }).getByRole("radio").first();
  await expect(firstCertificate).toBeVisible({ timeout: 30_000 });
  await firstCertificate.check();
  await page.getByRole("button", { name: signButton }).click();
  // Either outcome ends the wait: a refusal fails the test with the page's own words instead of a bare timeout.
  const done = page.getByRole("status").filter({ hasText: expectedStatus });
  const refusal = page.getByRole("alert");
  await expect(done.or(refusal).first()).toBeVisible({ timeout: 60_000 });
  if (await refusal.count()) throw new Error(`Signing was refused: ${(await refusal.allInnerTexts()).join(" | ")}`);
}

test("contractor applies, surety asks for a correction, issues with its key, contractor gets the key notice, surety changes the amount", async ({ browser }) => {
  test.setTimeout(240_000);
  const worksTitle = `E2E 東都市道路改良工事 ${Date.now()}`;

  const surety = await openAs(browser, SURETY.email);
  await getCertificate(browser, surety, SURETY.name);

  // The contractor applies for a contract-performance guarantee, entering the works details itself.
  const contractor = await openAs(browser, CONTRACTOR);
  await contractor.goto("/guarantees/new");
  await expect(contractor.getByRole("heading", { level: 1, name: "Apply for a guarantee" })).toBeVisible();
  await contractor.getByRole("radio", { name: "Enter them myself" }).check();
  await contractor.getByLabel("Orderer name").fill("東都市");
  await contractor.getByLabel("Works title").fill(worksTitle);
  await contractor.getByLabel("Contract amount (JPY)").fill("200000000");
  await contractor.getByLabel("Contract date").fill("2026-12-01");
  await contractor.getByLabel("Works start").fill("2026-12-10");
  await contractor.getByLabel("Works end").fill("2027-09-30");
  const suretySelect = contractor.getByLabel("Surety", { exact: true });
  await suretySelect.selectOption((await suretySelect.locator("option", { hasText: SURETY.organization }).getAttribute("value"))!);
  await contractor.getByRole("checkbox", { name: "Contract performance guarantee" }).check();
  const kindGroup = contractor.getByRole("group", { name: "Contract performance guarantee", exact: true });
  await kindGroup.getByLabel("Guarantee amount (JPY)").fill("20000000");
  await kindGroup.getByLabel("Guarantee from").fill("2026-12-01");
  await kindGroup.getByLabel("Guarantee until").fill("2027-11-30");
  await contractor.getByRole("button", { name: "Save draft" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: worksTitle, exact: false })).toBeVisible();
  await contractor.getByRole("button", { name: "Submit to the surety", exact: true }).click();
  await expect(contractor.getByRole("button", { name: "Submit to the surety", exact: true })).toHaveCount(0);

  // The surety sends it back for a correction.
  await openGuarantee(surety, worksTitle);
  await surety.getByRole("button", { name: "Request correction", exact: true }).click();
  const correction = surety.getByRole("dialog", { name: "Request correction" });
  await correction.getByLabel("What to correct").fill("保証金額は請負代金額の10分の1以上としてください。");
  await correction.getByRole("button", { name: "Send back for correction" }).click();
  await expect(surety.getByRole("button", { name: "Request correction", exact: true })).toHaveCount(0);

  // The contractor corrects the amount and sends it again.
  await contractor.reload();
  await contractor.getByRole("link", { name: "Edit application" }).click();
  await contractor.getByLabel("Guarantee amount (JPY)").fill("20000000");
  await contractor.getByLabel("Guarantee amount (JPY)").fill("21000000");
  await contractor.getByRole("button", { name: "Save draft" }).click();
  await expect(contractor.getByRole("heading", { level: 1, name: worksTitle, exact: false })).toBeVisible();
  await contractor.getByRole("button", { name: "Submit again", exact: true }).click();
  await expect(contractor.getByRole("button", { name: "Submit again", exact: true })).toHaveCount(0);

  // The surety issues it, signing in its browser.
  await surety.reload();
  await surety.getByRole("button", { name: "Issue", exact: true }).click();
  await expect(surety.getByRole("heading", { name: "Issue the guarantee" })).toBeVisible();
  await surety.getByLabel("Fee rate (%)").fill("0.45");
  await expect(surety.getByLabel("Guarantee fee (JPY)")).toHaveValue("94500");
  await signPrepared(surety, "Sign and issue", /Issued: guarantee \d{5}-\d{6}, version 1/);

  // The contractor sees the key and downloads the notice to hand to the orderer.
  await contractor.reload();
  await contractor.getByRole("button", { name: "Show authentication key" }).click();
  await expect(contractor.locator("code").filter({ hasText: /^[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{4}-[A-Za-z2-9]{2}$/ })).toBeVisible();
  const [notice] = await Promise.all([contractor.waitForEvent("download"), contractor.getByRole("button", { name: "Download key notice (PDF)" }).click()]);
  expect(readFileSync(await notice.path()).subarray(0, 5).toString()).toBe("%PDF-");

  // The surety changes the amount: a second signed version.
  await surety.reload();
  await surety.getByRole("button", { name: "Change", exact: true }).click();
  await expect(surety.getByRole("heading", { name: "Change the guarantee" })).toBeVisible();
  await surety.getByLabel("Guarantee amount (JPY)").fill("25000000");
  await surety.getByLabel("Reason").fill("請負代金額の変更に伴う保証金額の増額");
  await signPrepared(surety, "Sign and change", /version 2/);

  await contractor.reload();
  const history = contractor.getByRole("table").filter({ has: contractor.getByRole("columnheader", { name: "Reached the platform" }) });
  await expect(history.getByRole("row")).toHaveCount(3);
  await expect(history).toContainText("Guarantee amount");
  await expect(history).toContainText("25,000,000");
});
