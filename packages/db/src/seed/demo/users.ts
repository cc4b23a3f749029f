/**
 * The demo accounts: one per role in Kaluga (logins are the role names, password "demo" is set by
 * `orientir seed-demo`); the administrator is also an administrator of Kant, to show switching, and
 * the deployment administrator who manages accounts belonging to both.
 * The shape is that of SeedUser of @orientir/app (the data layer may not import the app layer).
 * Each has an e-mail address for reminders at the reserved domain orientir.example: with SMTP_URL
 * pointing at a local SMTP sink the reminders of `orientir serve` arrive there (README, Configuration).
 */
import type { Role } from "@orientir/domain";
import { KALUGA_NAME } from "./kaluga.ts";
import { KANT_NAME } from "./kant.ts";

export interface DemoUser {
  login: string;
  fullName: string;
  /** Where reminders go by e-mail (set on first seeding; a user may change it). */
  email?: string;
  memberships: { municipality: string; role: Role; department?: string }[];
  /** A deployment administrator: manages the accounts of every municipality (issue 9). */
  deploymentAdmin?: boolean;
}

export const DEMO_USERS: DemoUser[] = [
  {
    login: "admin",
    fullName: "Соколов Андрей Викторович",
    email: "admin@demo.orientir.example",
    deploymentAdmin: true,
    memberships: [
      { municipality: KALUGA_NAME, role: "admin" },
      { municipality: KANT_NAME, role: "admin" },
    ],
  },
  {
    login: "economy",
    fullName: "Белова Марина Сергеевна",
    email: "economy@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "economy", department: "Управление экономики" }],
  },
  {
    login: "finance",
    fullName: "Карпов Дмитрий Игоревич",
    email: "finance@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "finance", department: "Финансовое управление" }],
  },
  {
    login: "audit",
    fullName: "Лебедева Ольга Николаевна",
    email: "audit@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "audit", department: "Контрольно-счетная палата" }],
  },
  {
    login: "executor",
    fullName: "Никитина Елена Владимировна",
    email: "executor@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "executor", department: "Управление образования" }],
  },
  {
    login: "coexecutor",
    fullName: "Орлов Павел Александрович",
    email: "coexecutor@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "coexecutor", department: "Комитет по культуре" }],
  },
  {
    login: "head",
    fullName: "Громов Сергей Петрович",
    email: "head@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "head" }],
  },
  {
    login: "viewer",
    fullName: "Захарова Татьяна Михайловна",
    email: "viewer@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "viewer" }],
  },
  // the office (канцелярия, управление делами): registers documents and appeals, puts orders on
  // control, approves answers, reads the control's dashboards (issue 15)
  {
    login: "office",
    fullName: "Миронова Наталья Алексеевна",
    email: "office@demo.orientir.example",
    memberships: [{ municipality: KALUGA_NAME, role: "office" }],
  },
];
