import { OUTBOX_STATUSES } from "@pwp/shared/notifications";
import { useState } from "react";
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
import { useOutbox, useOutboxMail, useRetryMail } from "../api/notifications";
import "./notifications.css";

/** Ops: every mail the platform wrote, its delivery, and — without SMTP, in development — the local mailbox to read them. */
export function OutboxPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const [status, setStatus] = useState("");
  const [searchText, setSearchText] = useState("");
  const [search, setSearch] = useState("");
  const [openId, setOpenId] = useState<string | null>(null);
  const outbox = useOutbox(status, search);
  const retry = useRetryMail();
  const first = outbox.data?.pages[0];

  return (
    <div className="outbox">
      <DocumentTitle page={t("notifications.outbox.title")} />
      <div className="page-heading">
        <h1>{t("notifications.outbox.title")}</h1>
        <p className="page-heading__lead">{first && !first.smtpConfigured ? t("notifications.outbox.mailboxMode") : t("notifications.outbox.intro")}</p>
      </div>
      <Card title={t("notifications.outbox.listTitle")}>
        {first && <p>{t("notifications.outbox.counts", first.counts)}</p>}
        <form
          className="outbox__filters"
          role="search"
          onSubmit={(event) => {
            event.preventDefault();
            setSearch(searchText.trim());
          }}
        >
          <Select
            label={t("notifications.outbox.status")}
            value={status}
            onChange={(event) => setStatus(event.target.value)}
            options={[{ value: "", label: t("notifications.outbox.all") }, ...OUTBOX_STATUSES.map((value) => ({ value, label: t(`notifications.outbox.statuses.${value}`) }))]}
          />
          <TextField label={t("notifications.outbox.search")} value={searchText} onChange={(event) => setSearchText(event.target.value)} />
          <Button type="submit">{t("notifications.outbox.searchButton")}</Button>
        </form>
        {retry.error ? <Alert>{describeFormError(retry.error, t)}</Alert> : null}
        {outbox.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : outbox.isError ? (
          <Alert>{describeFormError(outbox.error, t)}</Alert>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("notifications.outbox.subject")}</th>
                  <th scope="col">{t("notifications.outbox.recipient")}</th>
                  <th scope="col">{t("notifications.outbox.status")}</th>
                  <th scope="col">{t("notifications.outbox.createdAt")}</th>
                  <th scope="col">{t("notifications.outbox.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {outbox.data.pages.flatMap((page) =>
                  page.mails.map((mail) => (
                    <tr key={mail.id}>
                      <th scope="row">
                        <button type="button" className="notifications-list__open" onClick={() => setOpenId(mail.id)}>
                          {mail.subject}
                        </button>
                      </th>
                      <td>{mail.recipient}</td>
                      <td>
                        {t(`notifications.outbox.statuses.${mail.status}`)}
                        {mail.transport === "MAILBOX" && <span className="badge">{t("notifications.outbox.mailbox")}</span>}
                        {mail.lastError && <div className="admin-records__muted">{t("notifications.outbox.lastError", { attempts: mail.attempts, error: mail.lastError })}</div>}
                      </td>
                      <td>{formatDateTime(new Date(mail.createdAt), locale)}</td>
                      <td>
                        {mail.status === "FAILED" && (
                          <Button variant="secondary" onClick={() => retry.mutate(mail.id)} isLoading={retry.isPending && retry.variables === mail.id}>
                            {t("notifications.outbox.retry")}
                          </Button>
                        )}
                      </td>
                    </tr>
                  )),
                )}
              </tbody>
            </table>
          </div>
        )}
        {outbox.hasNextPage && (
          <Button variant="secondary" onClick={() => void outbox.fetchNextPage()} isLoading={outbox.isFetchingNextPage}>
            {t("notifications.more")}
          </Button>
        )}
      </Card>
      {openId && <MailCard mailId={openId} onClose={() => setOpenId(null)} />}
    </div>
  );
}

function MailCard({ mailId, onClose }: { mailId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const mail = useOutboxMail(mailId);
  return (
    <Card title={mail.data?.subject ?? t("app.loading")}>
      {mail.isPending ? (
        <Spinner label={t("app.loading")} />
      ) : mail.isError ? (
        <Alert>{describeFormError(mail.error, t)}</Alert>
      ) : (
        <>
          <p>
            {t("notifications.outbox.to", { recipient: mail.data.recipient })} · {mail.data.messageId}
          </p>
          <h3>{t("notifications.outbox.textPart")}</h3>
          <pre className="outbox__text">{mail.data.text}</pre>
          <h3>{t("notifications.outbox.htmlPart")}</h3>
          {/* sandbox with no permissions: the mail's HTML can neither run scripts nor reach this page. */}
          <iframe className="outbox__preview" title={t("notifications.outbox.htmlPart")} sandbox="" srcDoc={mail.data.html} />
        </>
      )}
      <Button variant="secondary" onClick={onClose}>
        {t("notifications.outbox.close")}
      </Button>
    </Card>
  );
}
