import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TextField } from "@/components/ui/text-field";
import { describeFormError } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAdminCertificates, useCrlStatus, usePublishCrl, type CertificateFilter } from "../api/admin-console";
import "./admin-console.css";
import { PagedResults } from "./paged-results";

const STATUSES = ["VALID", "REVOKED", "EXPIRED"] as const;

/** Ops: the CRL relying parties fetch, and every certificate on the platform (issued here or imported). */
export function AdminCertificatesPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const [q, setQ] = useState("");
  const [status, setStatus] = useState("");
  const [filter, setFilter] = useState<CertificateFilter>({});
  const list = useAdminCertificates(filter);

  function search(event: FormEvent) {
    event.preventDefault();
    setFilter({ ...(q.trim() ? { q: q.trim() } : {}), ...(status ? { status: status as CertificateFilter["status"] } : {}) });
  }

  return (
    <div className="admin-certificates">
      <DocumentTitle page={t("adminConsole.certificates.title")} />
      <div className="page-heading">
        <h1>{t("adminConsole.certificates.title")}</h1>
        <p className="page-heading__lead">{t("adminConsole.certificates.intro")}</p>
      </div>
      <CrlCard />
      <Card title={t("adminConsole.certificates.listTitle")}>
        <form className="admin-search" onSubmit={search} noValidate role="search">
          <TextField label={t("adminConsole.certificates.search")} value={q} onChange={(event) => setQ(event.target.value)} />
          <Select
            label={t("adminConsole.certificates.status")}
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            options={[{ value: "", label: t("adminConsole.any") }, ...STATUSES.map((value) => ({ value, label: t(`adminConsole.certificates.statuses.${value}`) }))]}
          />
          <Button type="submit">{t("adminConsole.searchButton")}</Button>
        </form>
        <PagedResults query={list} isEmpty={list.data?.pages[0]?.certificates.length === 0}>
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("adminConsole.certificates.holder")}</th>
                  <th scope="col">{t("adminConsole.certificates.subject")}</th>
                  <th scope="col">{t("adminConsole.certificates.serial")}</th>
                  <th scope="col">{t("adminConsole.certificates.validity")}</th>
                  <th scope="col">{t("adminConsole.certificates.status")}</th>
                </tr>
              </thead>
              <tbody>
                {list.data?.pages.flatMap((page) =>
                  page.certificates.map((certificate) => (
                    <tr key={certificate.id}>
                      <th scope="row">
                        {certificate.holder.name}
                        <div className="admin-records__muted">{certificate.organization.nameLocal}</div>
                      </th>
                      <td>
                        {certificate.subjectDn}
                        <div className="admin-records__muted">{certificate.issuerDn}</div>
                      </td>
                      <td>
                        <code>{certificate.serialNumberHex}</code>
                      </td>
                      <td>
                        {formatDateTime(new Date(certificate.notBefore), locale)} – {formatDateTime(new Date(certificate.notAfter), locale)}
                      </td>
                      <td>
                        {certificate.revokedAt
                          ? t("adminConsole.certificates.revokedOn", { at: formatDateTime(new Date(certificate.revokedAt), locale) })
                          : new Date(certificate.notAfter) <= new Date()
                            ? t("adminConsole.certificates.statuses.EXPIRED")
                            : t("adminConsole.certificates.statuses.VALID")}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        </PagedResults>
      </Card>
    </div>
  );
}

function CrlCard() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const crl = useCrlStatus();
  const publish = usePublishCrl();
  return (
    <Card title={t("adminConsole.crl.title")}>
      {crl.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : crl.isError ? (
        <Alert>{describeFormError(crl.error, t)}</Alert>
      ) : (
        <dl className="admin-status">
          <dt>{t("adminConsole.crl.number")}</dt>
          <dd>{crl.data.crlNumber}</dd>
          <dt>{t("adminConsole.crl.thisUpdate")}</dt>
          <dd>{formatDateTime(new Date(crl.data.thisUpdate), locale)}</dd>
          <dt>{t("adminConsole.crl.nextUpdate")}</dt>
          <dd>{formatDateTime(new Date(crl.data.nextUpdate), locale)}</dd>
          <dt>{t("adminConsole.crl.entries")}</dt>
          <dd>{crl.data.revokedCertificates}</dd>
          <dt>{t("adminConsole.crl.issuer")}</dt>
          <dd>{crl.data.issuerDn}</dd>
        </dl>
      )}
      {publish.error ? <Alert>{describeFormError(publish.error, t)}</Alert> : null}
      <p className="admin-records__muted">{t("adminConsole.crl.publishHint")}</p>
      <Button variant="secondary" onClick={() => publish.mutate()} isLoading={publish.isPending}>
        {t("adminConsole.crl.publish")}
      </Button>
      <a className="arrow-link" href="/api/pki/crl">
        {t("adminConsole.crl.download")}
      </a>
    </Card>
  );
}
