import { LOCALES, type Locale } from "@pwp/shared/enums";
import { NOTICE_AUDIENCES, pickText, type LocalizedText, type NoticeAudience } from "@pwp/shared/notices";
import { useState, type FormEvent } from "react";
import { useTranslation } from "react-i18next";
import { DocumentTitle } from "@/components/document-title";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Select } from "@/components/ui/select";
import { Spinner } from "@/components/ui/spinner";
import { TextAreaField, TextField } from "@/components/ui/text-field";
import { isoToLocalInput, localInputToIso } from "@/lib/datetime-local";
import { describeFormError, readFieldErrors } from "@/lib/form-errors";
import { formatDateTime } from "@/lib/format";
import { getCurrentLocale } from "@/lib/i18n";
import { useAdminNotices, usePostNotice, useWithdrawNotice } from "../api/admin-notices";
import { periodState } from "../period";
import "./notices.css";

const EMPTY_TEXT: LocalizedText = { ko: "", ja: "", en: "" };

/** Ops: every notice with where it stands, a form to post one, and withdrawal. */
export function AdminNoticesPage() {
  const { t } = useTranslation();
  const locale = getCurrentLocale();
  const notices = useAdminNotices();
  const withdraw = useWithdrawNotice();
  const now = new Date();

  return (
    <div className="admin-notices">
      <DocumentTitle page={t("notices.admin.title")} />
      <div className="page-heading">
        <h1>{t("notices.admin.title")}</h1>
        <p className="page-heading__lead">{t("notices.admin.intro")}</p>
      </div>
      <Card title={t("notices.admin.listTitle")}>
        {withdraw.error ? <Alert>{describeFormError(withdraw.error, t)}</Alert> : null}
        {notices.isPending ? (
          <Spinner label={t("app.loading")} />
        ) : notices.isError ? (
          <Alert>{describeFormError(notices.error, t)}</Alert>
        ) : notices.data.notices.length === 0 ? (
          <p>{t("notices.admin.empty")}</p>
        ) : (
          <div className="table-scroll">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t("notices.fields.title")}</th>
                  <th scope="col">{t("notices.fields.audience")}</th>
                  <th scope="col">{t("notices.fields.period")}</th>
                  <th scope="col">{t("notices.admin.state")}</th>
                  <th scope="col">{t("notices.admin.actions")}</th>
                </tr>
              </thead>
              <tbody>
                {notices.data.notices.map((notice) => {
                  const state = periodState(notice, now);
                  return (
                    <tr key={notice.id}>
                      <th scope="row">{pickText(notice.title, locale)}</th>
                      <td>{t(`notices.audiences.${notice.audience}`)}</td>
                      <td>
                        {formatDateTime(new Date(notice.startsAt), locale)} – {formatDateTime(new Date(notice.endsAt), locale)}
                      </td>
                      <td>
                        <span className="badge">{t(`notices.states.${state}`)}</span>
                        {notice.maintenanceWindowId && <span className="badge">{t("notices.admin.fromMaintenance")}</span>}
                      </td>
                      <td>
                        {!notice.maintenanceWindowId && (state === "CURRENT" || state === "SCHEDULED") && (
                          <Button
                            variant="secondary"
                            onClick={() => withdraw.mutate(notice.id)}
                            isLoading={withdraw.isPending && withdraw.variables === notice.id}
                          >
                            {t("notices.admin.withdraw")}
                            <span className="visually-hidden"> {pickText(notice.title, locale)}</span>
                          </Button>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </Card>
      <PostNoticeForm />
    </div>
  );
}

function PostNoticeForm() {
  const { t } = useTranslation();
  const post = usePostNotice();
  const [title, setTitle] = useState<LocalizedText>(EMPTY_TEXT);
  const [body, setBody] = useState<LocalizedText>(EMPTY_TEXT);
  const [audience, setAudience] = useState<NoticeAudience>("EVERYONE");
  const [startsAt, setStartsAt] = useState(() => isoToLocalInput(new Date()));
  const [endsAt, setEndsAt] = useState(() => isoToLocalInput(new Date(Date.now() + 7 * 86_400_000)));
  const [missing, setMissing] = useState<string | null>(null);
  const fieldErrors = readFieldErrors(post.error);
  const formError = describeFormError(post.error, t, { hasFieldErrors: Object.keys(fieldErrors).length > 0 });

  function submit(event: FormEvent) {
    event.preventDefault();
    const startIso = localInputToIso(startsAt);
    const endIso = localInputToIso(endsAt);
    if (!startIso || !endIso) {
      setMissing(!startIso ? "startsAt" : "endsAt");
      return;
    }
    setMissing(null);
    post.mutate(
      { title, body, audience, startsAt: startIso, endsAt: endIso },
      {
        onSuccess: () => {
          setTitle(EMPTY_TEXT);
          setBody(EMPTY_TEXT);
        },
      },
    );
  }

  const textFields = (locale: Locale) => (
    <fieldset key={locale} className="form__fieldset">
      <legend>{t(`notices.languages.${locale}`)}</legend>
      <TextField
        label={t("notices.fields.title")}
        lang={locale}
        value={title[locale]}
        maxLength={200}
        onChange={(event) => setTitle({ ...title, [locale]: event.target.value })}
        error={fieldErrors.title ?? fieldErrors[`title.${locale}`] ?? null}
      />
      <TextAreaField
        label={t("notices.fields.body")}
        lang={locale}
        value={body[locale]}
        rows={4}
        maxLength={4000}
        onChange={(event) => setBody({ ...body, [locale]: event.target.value })}
      />
    </fieldset>
  );

  return (
    <Card title={t("notices.admin.postTitle")}>
      <form onSubmit={submit} noValidate>
        {formError && <Alert>{formError}</Alert>}
        {post.isSuccess && <Alert tone="warning">{t("notices.admin.posted")}</Alert>}
        <p>{t("notices.admin.languagesHint")}</p>
        <div className="admin-form-grid">{LOCALES.map(textFields)}</div>
        <div className="admin-form-grid">
          <Select
            label={t("notices.fields.audience")}
            value={audience}
            onChange={(event) => setAudience(event.target.value as NoticeAudience)}
            options={NOTICE_AUDIENCES.map((value) => ({ value, label: t(`notices.audiences.${value}`) }))}
          />
          <TextField
            label={t("notices.fields.startsAt")}
            type="datetime-local"
            value={startsAt}
            onChange={(event) => setStartsAt(event.target.value)}
            error={missing === "startsAt" ? t("errors.required") : (fieldErrors.startsAt ?? null)}
          />
          <TextField
            label={t("notices.fields.endsAt")}
            type="datetime-local"
            value={endsAt}
            onChange={(event) => setEndsAt(event.target.value)}
            error={missing === "endsAt" ? t("errors.required") : (fieldErrors.endsAt ?? null)}
          />
        </div>
        <Button type="submit" isLoading={post.isPending}>
          {t("notices.admin.post")}
        </Button>
      </form>
    </Card>
  );
}
