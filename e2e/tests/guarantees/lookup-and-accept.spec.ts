// The verification lookup (issue 7) with the demo guarantee's key notice data: an orderer without an account opens
// /verify from the notice's QR code (the number filled in), types the key and sees the certificate with a valid
// signature; a signed-in orderer accepts it, and the contractor sees it accepted on its guarantee page.
import { expect, test } from "@playwright/test";
import { signInAs } from "../support.ts";

const DEMO_GUARANTEE = { number: "10000-000001", key: "Hk7mPq2RxW9tZa", worksTitle: "한빛시 중앙공원 보행교 설치공사" };

test("anyone opens the demo guarantee with its number and key; the orderer accepts it and the contractor sees that", async ({ browser }) => {
  test.setTimeout(120_000);

  const visitor = await (await browser.newContext()).newPage();
  await visitor.goto(`/verify?number=${DEMO_GUARANTEE.number}`);
  await expect(visitor.getByRole("heading", { level: 1, name: "Guarantee certificate verification" })).toBeVisible();
  await expect(visitor.getByLabel("Guarantee number")).toHaveValue(DEMO_GUARANTEE.number);
  await visitor.getByLabel("Authentication key").fill("Hk7m-Pq2R-xW9t-Zb");
  await visitor.getByRole("button", { name: "Verify" }).click();
  await expect(visitor.getByText("No guarantee matches this number and key. Check both and try again.")).toBeVisible();
  await visitor.getByLabel("Authentication key").fill(DEMO_GUARANTEE.key);
  await visitor.getByRole("button", { name: "Verify" }).click();
  await expect(visitor.getByRole("heading", { level: 2, name: /^Guarantee certificate/ })).toBeVisible();
  await expect(visitor.getByRole("region", { name: /Current certificate/ })).toContainText(DEMO_GUARANTEE.worksTitle);
  await expect(visitor.getByRole("region", { name: "Electronic signature of the current certificate" })).toContainText("Signature valid");
  await expect(visitor.getByRole("link", { name: "Sign in to accept or return" })).toBeVisible();
  await visitor.context().close();

  const orderer = await (await browser.newContext()).newPage();
  await signInAs(orderer, "orderer@kr.demo.test");
  await orderer.goto(`/verify?number=${DEMO_GUARANTEE.number}`);
  await orderer.getByLabel("Authentication key").fill(DEMO_GUARANTEE.key);
  await orderer.getByRole("button", { name: "Verify" }).click();
  const acceptance = orderer.getByRole("region", { name: "Acceptance by the orderer" });
  // The guarantee was applied for from the demo contract: that is the only contract offered, whatever other
  // contracts this orderer has with the contractor (the contract spec makes one).
  await expect(acceptance.getByRole("radio")).toHaveCount(0);
  await acceptance.getByRole("button", { name: "Accept" }).click();
  await expect(orderer.getByText("You accepted this guarantee.")).toBeVisible();
  await orderer.context().close();

  const contractor = await (await browser.newContext()).newPage();
  await signInAs(contractor, "contractor@kr.demo.test");
  await contractor.goto("/guarantees");
  await contractor.getByRole("tab", { name: "All guarantees" }).click();
  await contractor.getByRole("link", { name: DEMO_GUARANTEE.worksTitle }).click();
  await expect(contractor.getByRole("region", { name: "Orderer's acceptance" })).toContainText("Accepted by the orderer");
  await expect(contractor.getByRole("region", { name: "Lookups" })).toBeVisible();
});
