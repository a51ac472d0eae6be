// The certificate life cycle as people live it: a member makes a key in the browser and requests a certificate,
// the organisation's representative approves it, the member signs in with it (the certificate session survives a
// reload), then reissues it and sees the old one revoked. These two demo users appear in no other spec.
import { expect, test } from "@playwright/test";
import { signInAs, signInWithEmail } from "../support.ts";

const MEMBER = "contractor.staff@jp.demo.test";
const REPRESENTATIVE = "contractor@jp.demo.test";

test("request, approval, certificate sign-in after a reload, and a reissue that revokes the old certificate", async ({ browser }) => {
  // Key generation, issuance and several sign-ins in two browsers: more than the default 30 seconds.
  test.setTimeout(120_000);
  const memberContext = await browser.newContext();
  const member = await memberContext.newPage();
  await signInAs(member, MEMBER);

  await member.goto("/certificates");
  await expect(member.getByRole("heading", { level: 1, name: "Certificates" })).toBeVisible();
  await member.getByRole("button", { name: "Request a certificate" }).click();
  await member.getByLabel("Key type").selectOption({ label: "ECDSA P-256" });
  await member.getByRole("button", { name: "Send request" }).click();
  await expect(member.getByText("Pending approval").first()).toBeVisible();

  const representativeContext = await browser.newContext();
  const representative = await representativeContext.newPage();
  await signInAs(representative, REPRESENTATIVE);
  await representative.goto("/certificates/approvals");
  await expect(representative.getByRole("heading", { level: 1, name: "Certificate approvals" })).toBeVisible();
  await representative.getByRole("button", { name: "Approve" }).first().click();
  await expect(representative.getByRole("button", { name: "Approve" })).toHaveCount(0);
  await representativeContext.close();

  // The member's page learns of the issued certificate on reload; the key made here is now certified.
  await member.reload();
  await expect(member.getByText("Valid").first()).toBeVisible();

  // Signing in again offers the second step, because this browser holds the key. The organisation does not
  // require it, so it can be skipped: then the session is a password session.
  await member.getByRole("button", { name: "Sign out" }).click();
  await signInWithEmail(member, MEMBER);
  await expect(member.getByRole("heading", { level: 1, name: "Sign in with your certificate" })).toBeVisible();
  await member.getByRole("button", { name: "Skip" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  await expect(member.getByRole("banner").getByText("Signed in with certificate")).toHaveCount(0);

  await member.getByRole("button", { name: "Sign out" }).click();
  await signInWithEmail(member, MEMBER);
  await expect(member.getByRole("heading", { level: 1, name: "Sign in with your certificate" })).toBeVisible();
  await member.getByRole("button", { name: "Sign in with certificate" }).click();
  await expect(member.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  const badge = member.getByRole("banner").getByText("Signed in with certificate");
  await expect(badge).toBeVisible();

  // The refresh cookie remembers the certificate: after a reload the session is still a certificate session.
  await member.reload();
  await expect(member.getByRole("heading", { level: 1, name: "Contractor dashboard" })).toBeVisible();
  await expect(badge).toBeVisible();

  // Reissue with a new key: the new certificate is valid and the old one is revoked at once.
  await member.goto("/certificates");
  await member.getByRole("button", { name: "Reissue" }).first().click();
  await member.getByLabel("Reason for reissue").selectOption({ label: "Superseded" });
  await member.getByRole("button", { name: "Reissue certificate" }).click();
  await expect(member.getByText("Revoked").first()).toBeVisible();
  await expect(member.getByText("Valid").first()).toBeVisible();
  await memberContext.close();
});

test("without a key in this browser there is no second step: the password leads straight to the dashboard", async ({ page }) => {
  await signInWithEmail(page, "orderer.staff@jp.demo.test");
  await expect(page.getByRole("heading", { level: 1, name: "Orderer dashboard" })).toBeVisible();
  await expect(page.getByRole("banner").getByText("Signed in with certificate")).toHaveCount(0);
});
