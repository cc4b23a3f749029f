/**
 * The demo accounts: one per role in Kaluga (logins are the role names, password "demo" is set by
 * `orientir seed-demo`); the administrator is also an administrator of Kant, to show switching.
 * The shape is that of SeedUser of @orientir/app (the data layer may not import the app layer).
 */
import type { Role } from "@orientir/domain";
import { KALUGA_NAME } from "./kaluga.ts";
import { KANT_NAME } from "./kant.ts";

export interface DemoUser {
  login: string;
  fullName: string;
  memberships: { municipality: string; role: Role; department?: string }[];
}

export const DEMO_USERS: DemoUser[] = [
  {
    login: "admin",
    fullName: "Соколов Андрей Викторович",
    memberships: [
      { municipality: KALUGA_NAME, role: "admin" },
      { municipality: KANT_NAME, role: "admin" },
    ],
  },
  { login: "economy", fullName: "Белова Марина Сергеевна", memberships: [{ municipality: KALUGA_NAME, role: "economy", department: "Управление экономики" }] },
  { login: "finance", fullName: "Карпов Дмитрий Игоревич", memberships: [{ municipality: KALUGA_NAME, role: "finance", department: "Финансовое управление" }] },
  { login: "audit", fullName: "Лебедева Ольга Николаевна", memberships: [{ municipality: KALUGA_NAME, role: "audit", department: "Контрольно-счетная палата" }] },
  { login: "executor", fullName: "Никитина Елена Владимировна", memberships: [{ municipality: KALUGA_NAME, role: "executor", department: "Управление образования" }] },
  { login: "coexecutor", fullName: "Орлов Павел Александрович", memberships: [{ municipality: KALUGA_NAME, role: "coexecutor", department: "Комитет по культуре" }] },
  { login: "head", fullName: "Громов Сергей Петрович", memberships: [{ municipality: KALUGA_NAME, role: "head" }] },
  { login: "viewer", fullName: "Захарова Татьяна Михайловна", memberships: [{ municipality: KALUGA_NAME, role: "viewer" }] },
];
