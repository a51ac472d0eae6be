import type { CounterpartyContact } from "@pwp/shared/counterparties";
import { useId, useState } from "react";
import { useTranslation } from "react-i18next";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { useCreateContact } from "../api/create-contact";
import { useDeleteContact } from "../api/delete-contact";
import { useUpdateContact } from "../api/update-contact";
import { ContactForm } from "./contact-form";
import { describeRequestError } from "./form-support";

type Editing = { mode: "add" } | { mode: "edit"; contactId: string } | { mode: "confirmDelete"; contactId: string } | null;

/** The counterparty's contacts (거래처 담당자), each changed or removed in place. */
export function ContactsSection({ counterpartyId, contacts }: { counterpartyId: string; contacts: CounterpartyContact[] }) {
  const { t } = useTranslation();
  const headingId = useId();
  const [editing, setEditing] = useState<Editing>(null);
  const create = useCreateContact();
  const update = useUpdateContact();
  const remove = useDeleteContact();

  function startEditing(next: Editing) {
    create.reset();
    update.reset();
    remove.reset();
    setEditing(next);
  }

  return (
    <section className="panel contacts" aria-labelledby={headingId}>
      <div className="section-header">
        <div>
          <h2 id={headingId}>{t("counterparties.contacts.title")}</h2>
          <p className="lead">{t("counterparties.contacts.intro")}</p>
        </div>
        {editing?.mode !== "add" && (
          <Button variant="secondary" onClick={() => startEditing({ mode: "add" })}>
            {t("counterparties.contacts.add")}
          </Button>
        )}
      </div>

      {editing?.mode === "add" && (
        <ContactForm
          title={t("counterparties.contacts.addTitle")}
          isPending={create.isPending}
          error={create.error}
          onSubmit={(body) => create.mutate({ counterpartyId, body }, { onSuccess: () => setEditing(null) })}
          onCancel={() => startEditing(null)}
        />
      )}

      {contacts.length === 0 ? (
        <p className="empty-state">{t("counterparties.contacts.empty")}</p>
      ) : (
        <ul className="contact-list">
          {contacts.map((contact) => (
            <li key={contact.id} className="contact-list__item">
              {editing?.mode === "edit" && editing.contactId === contact.id ? (
                <ContactForm
                  title={t("counterparties.contacts.editTitle")}
                  initial={contact}
                  isPending={update.isPending}
                  error={update.error}
                  onSubmit={(body) => update.mutate({ counterpartyId, contactId: contact.id, body }, { onSuccess: () => setEditing(null) })}
                  onCancel={() => startEditing(null)}
                />
              ) : (
                <ContactCard
                  contact={contact}
                  isConfirmingDelete={editing?.mode === "confirmDelete" && editing.contactId === contact.id}
                  isDeleting={remove.isPending}
                  deleteError={editing?.mode === "confirmDelete" && editing.contactId === contact.id ? describeRequestError(remove.error, t) : null}
                  onEdit={() => startEditing({ mode: "edit", contactId: contact.id })}
                  onDelete={() => startEditing({ mode: "confirmDelete", contactId: contact.id })}
                  onConfirmDelete={() => remove.mutate({ counterpartyId, contactId: contact.id }, { onSuccess: () => setEditing(null) })}
                  onCancelDelete={() => startEditing(null)}
                />
              )}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

type ContactCardProps = {
  contact: CounterpartyContact;
  isConfirmingDelete: boolean;
  isDeleting: boolean;
  deleteError: string | null;
  onEdit: () => void;
  onDelete: () => void;
  onConfirmDelete: () => void;
  onCancelDelete: () => void;
};

function ContactCard({ contact, isConfirmingDelete, isDeleting, deleteError, onEdit, onDelete, onConfirmDelete, onCancelDelete }: ContactCardProps) {
  const { t } = useTranslation();
  const nameId = useId();
  return (
    <article className="contact-card" aria-labelledby={nameId}>
      <h3 id={nameId} className="contact-card__name">
        {contact.name}
      </h3>
      <dl className="details contact-card__details">
        {contact.department && (
          <div className="details__row">
            <dt>{t("counterparties.contacts.department")}</dt>
            <dd>{contact.department}</dd>
          </div>
        )}
        {contact.phone && (
          <div className="details__row">
            <dt>{t("counterparties.contacts.phone")}</dt>
            <dd>
              <a href={`tel:${contact.phone.replace(/[^0-9+]/g, "")}`}>{contact.phone}</a>
            </dd>
          </div>
        )}
        {contact.email && (
          <div className="details__row">
            <dt>{t("counterparties.contacts.email")}</dt>
            <dd>
              <a href={`mailto:${contact.email}`}>{contact.email}</a>
            </dd>
          </div>
        )}
      </dl>
      {isConfirmingDelete ? (
        <div className="confirm" role="group" aria-label={t("counterparties.contacts.delete")}>
          <p>{t("counterparties.contacts.deleteConfirm", { name: contact.name })}</p>
          {deleteError && <Alert>{deleteError}</Alert>}
          <div className="button-row">
            <Button className="button--danger" isLoading={isDeleting} onClick={onConfirmDelete} autoFocus>
              {t("counterparties.contacts.deleteConfirmButton")}
            </Button>
            <Button variant="secondary" onClick={onCancelDelete}>
              {t("counterparties.contacts.cancel")}
            </Button>
          </div>
        </div>
      ) : (
        <div className="button-row">
          {/* The contact's name, read as the description, tells which contact "Edit" and "Delete" act on. */}
          <Button variant="secondary" aria-describedby={nameId} onClick={onEdit}>
            {t("counterparties.contacts.edit")}
          </Button>
          <Button variant="secondary" aria-describedby={nameId} onClick={onDelete}>
            {t("counterparties.contacts.delete")}
          </Button>
        </div>
      )}
    </article>
  );
}
