// Shared steps of the end-to-end tests: what a person does on the sign-in page.
import { expect, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "demo-Pass-2026";

export async function signInWithEmail(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByRole("tab", { name: "E-mail" }).click();
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

export async function expectSignInPage(page: Page) {
  await expect(page).toHaveURL(/\/sign-in/);
  await expect(page.getByRole("heading", { level: 1, name: "Sign in" })).toBeVisible();
}

const KR_WEIGHTS = [1, 3, 7, 1, 3, 7, 1, 3, 5];

/** A fresh Korean business registration number with a valid check digit, so each run registers a new one. */
export function makeKoreanBusinessNumber(): string {
  const digits = Array.from({ length: 9 }, () => Math.floor(Math.random() * 10));
  let sum = KR_WEIGHTS.reduce((total, weight, i) => total + digits[i]! * weight, 0);
  sum += Math.floor((digits[8]! * 5) / 10);
  return [...digits, (10 - (sum % 10)) % 10].join("");
}

/** A small but well-formed PDF, as a scanned certificate would be uploaded. */
export function makePdf(title: string): { name: string; mimeType: string; buffer: Buffer } {
  const body = `%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n`;
  return { name: `${title}.pdf`, mimeType: "application/pdf", buffer: Buffer.from(body) };
}

export async function signInAs(page: Page, email: string, password = DEMO_PASSWORD) {
  await signInWithEmail(page, email, password);
  await expect(page).not.toHaveURL(/\/sign-in/);
}
