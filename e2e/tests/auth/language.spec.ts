import { expect, test } from "@playwright/test";
import { signInWithEmail } from "../support.ts";

test("the language follows the browser and a choice is remembered", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ja-JP" });
  const page = await context.newPage();
  await page.goto("/sign-in");
  await expect(page.getByRole("heading", { level: 1, name: "ログイン" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ja");

  await page.getByRole("combobox", { name: /言語|Language/ }).selectOption({ label: "한국어" });
  await expect(page.getByRole("heading", { level: 1, name: "로그인" })).toBeVisible();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "로그인" })).toBeVisible();
  await context.close();
});

test("switching language on a dashboard translates it", async ({ page }) => {
  await signInWithEmail(page, "contractor@jp.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  await page.getByRole("combobox", { name: "Language" }).selectOption({ label: "日本語" });
  await expect(page.getByRole("heading", { level: 1, name: "受注者ダッシュボード" })).toBeVisible();
  await expect(page.getByRole("button", { name: "ログアウト" })).toBeVisible();
  await page.getByRole("combobox", { name: /言語/ }).selectOption({ label: "English" });
  await expect(page.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
});
