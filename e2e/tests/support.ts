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
