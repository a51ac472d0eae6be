// The firms of a joint-venture contractor on the contract page: role, name, registration number and share.
import { formatSharePercent, type JointVenture } from "@pwp/shared/contracts";
import { formatRegistrationNumber } from "@pwp/shared/registration-number";
import { useTranslation } from "react-i18next";

export function JointVentureDetails({ jointVenture }: { jointVenture: JointVenture }) {
  const { t } = useTranslation();
  return (
    <>
      <span>{jointVenture.name}</span>
      <div className="table-scroll">
        <table className="data-table">
          <caption className="visually-hidden">{t("contracts.detail.jointVentureFirms")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("contracts.detail.firmRole")}</th>
              <th scope="col">{t("contracts.detail.firmName")}</th>
              <th scope="col">{t("contracts.detail.firmRegistrationNumber")}</th>
              <th scope="col">{t("contracts.detail.firmShare")}</th>
            </tr>
          </thead>
          <tbody>
            {jointVenture.members.map((member) => (
              <tr key={member.organization.id}>
                <td>{member.isLead ? t("contracts.detail.firmLead") : t("contracts.detail.firmMember")}</td>
                <th scope="row" lang={member.organization.country === "KR" ? "ko" : "ja"}>
                  {member.organization.nameLocal}
                </th>
                <td>{formatRegistrationNumber(member.organization.country, member.organization.registrationNumber)}</td>
                <td className="details__number">{formatSharePercent(member.shareBasisPoints)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}
