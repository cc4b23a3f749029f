/**
 * The demo registry of the office of the Head of Kaluga for 2022 and 2023 (issue 15, part 5):
 * synthetic documents, meetings, orders and citizens' appeals, generated deterministically in SQL
 * (INSERT … SELECT generate_series: no row leaves the database server) so that the office's annual
 * report for 2023 reproduces every count source 003 gives. The texts, correspondents, authors and
 * dates are invented; only the counts are the source's.
 */
import { loadControlDemoMap } from "./control-demo-map.ts";
import type { Queryable } from "../db.ts";

/** The counts of one year the demo generates. */
export interface OfficeDemoYear {
  year: number;
  incoming: number;
  headOrders: number;
  outgoing: number;
  /** Contracts and powers of attorney ("other") and internal documents together, as source 003 counts them. */
  other: number;
  /** Incoming documents put on control by a resolution order. */
  controlDocuments: number;
  meetingOrders: number;
  broadcastOrders: number;
  appeals: number;
}

/**
 * Source 003 gives for 2023 (and 2022): documents from organisations 22,808 (23,142), individual
 * orders of the Head 1,079 (1,064), outgoing 3,997 (4,829), other 1,543 (1,674), "more than 8
 * thousand" control documents, 1,959 meeting orders, 4 broadcast orders, 6,553 (6,667) appeals.
 * It gives no 2022 figure for control documents, meeting and broadcast orders and no exact 2023
 * figure for control documents: those numbers here (marked) are invented for the demo.
 */
export const KALUGA_OFFICE_DEMO: readonly OfficeDemoYear[] = [
  {
    year: 2022,
    incoming: 23142,
    headOrders: 1064,
    outgoing: 4829,
    other: 1674,
    controlDocuments: 8037, // invented (source 003 has no 2022 figure)
    meetingOrders: 1874, // invented
    broadcastOrders: 3, // invented
    appeals: 6667,
  },
  {
    year: 2023,
    incoming: 22808,
    headOrders: 1079,
    outgoing: 3997,
    other: 1543,
    controlDocuments: 8214, // invented within «более 8 тысяч»
    meetingOrders: 1959,
    broadcastOrders: 4,
    appeals: 6553,
  },
];

export const OFFICE_DEPARTMENT_NAME = "Управление делами Городского Головы";

const ORGANISATIONS = [
  "Министерство строительства и жилищно-коммунального хозяйства Калужской области",
  "Министерство образования и науки Калужской области",
  "Прокуратура города Калуги",
  "ГП «Калужский областной водоканал»",
  "ПАО «Россети Центр и Приволжье» — «Калугаэнерго»",
  "Городская Дума города Калуги",
  "Управление Роспотребнадзора по Калужской области",
  "ООО «Управляющая компания «Жилищный стандарт»",
  "Администрация Губернатора Калужской области",
  "МЧС России по Калужской области",
  "Фонд капитального ремонта Калужской области",
  "АО «Калужская сбытовая компания»",
];
const SUBJECTS = [
  "о ремонте автомобильных дорог местного значения",
  "о подготовке жилищного фонда к отопительному сезону",
  "о благоустройстве дворовых территорий",
  "о предоставлении информации по исполнению муниципальной программы",
  "о проведении проверки соблюдения законодательства",
  "о вывозе твердых коммунальных отходов",
  "о капитальном ремонте многоквартирного дома",
  "о подготовке образовательных учреждений к учебному году",
  "об организации транспортного обслуживания населения",
  "о содержании уличного освещения",
  "о согласовании схемы размещения нестационарных торговых объектов",
  "о проведении общегородских мероприятий",
];
const DISTRICTS = ["Ленинский округ", "Московский округ", "Октябрьский округ"];
/** Topic codes weighted to city and housing services (most appeals are on them, source 003). */
const TOPICS = [
  "0005.0005.0055.1149",
  "0005.0005.0056.1153",
  "0003.0009.0097.0692",
  "0003.0011.0122.0816",
  "0005.0005.0054.1121",
  "0003.0009.0099.0725",
  "0005.0005.0056.1153",
  "0003.0009.0097.0698",
  "0005.0005.0058.1180",
  "0002.0007.0064.0247",
  "0003.0008.0086.0636",
  "0002.0013.0141.0485",
  "0005.0005.0057.1173",
  "0004.0016.0163.1073",
  "0001.0002.0024.0143",
];

const sqlArray = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ")}]::text[]`;

/** Whether the municipality already has registry documents (the demo is then left alone). */
export async function hasControlData(q: Queryable, municipalityId: string): Promise<boolean> {
  const r = await q.query(`SELECT 1 FROM registry_document WHERE municipality_id = $1 LIMIT 1`, [municipalityId]);
  return (r.rowCount ?? 0) > 0;
}

/**
 * Loads the demo in the caller's transaction: the office's department (created if absent) named in
 * the control settings, the registry, the meetings, the orders with their deadlines' history, and
 * the appeals. Answers the rows written per table.
 */
export async function loadControlDemo(
  q: Queryable,
  municipalityId: string,
  years: readonly OfficeDemoYear[] = KALUGA_OFFICE_DEMO,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  const n = (table: string, rowCount: number | null) => (counts[table] = (counts[table] ?? 0) + (rowCount ?? 0));
  // the full-text and trigram GIN indexes take the rows into their pending list and merge it once,
  // not row by row (the caller's transaction only)
  await q.query(`SELECT set_config('gin_pending_list_limit', '65536', true)`);
  await q.query(
    `INSERT INTO department (municipality_id, name, short_name) VALUES ($1, $2, 'УД') ON CONFLICT (municipality_id, name) DO NOTHING`,
    [municipalityId, OFFICE_DEPARTMENT_NAME],
  );
  await q.query(
    `INSERT INTO control_setting (municipality_id, office_department_id)
     SELECT $1, id FROM department WHERE municipality_id = $1 AND name = $2
     ON CONFLICT (municipality_id) DO UPDATE SET office_department_id = excluded.office_department_id`,
    [municipalityId, OFFICE_DEPARTMENT_NAME],
  );
  // the departments orders go to (every one but the office), in a fixed order
  const deps = `(SELECT array_agg(id ORDER BY name) FROM department WHERE municipality_id = $1 AND name <> '${OFFICE_DEPARTMENT_NAME}')`;
  const orgs = sqlArray(ORGANISATIONS);
  const subjects = sqlArray(SUBJECTS);
  for (const y of years) {
    const yy = String(y.year % 100).padStart(2, "0");
    const internal = Math.floor(y.other * 0.45);
    const kinds: [string, string, number, string | null][] = [
      ["incoming", "Вх", y.incoming, null],
      ["outgoing", "Исх", y.outgoing, null],
      ["internal", "Вн", internal, null],
      ["other", "Пр", y.other - internal, "contract"],
    ];
    for (const [kind, prefix, count, subtype] of kinds) {
      // spread evenly over the year's days; the g-th document of a kind is registered on day ⌊(g-1)·days/count⌋
      const r = await q.query(
        `WITH d AS (SELECT ${deps} AS deps)
         INSERT INTO registry_document (municipality_id, kind, subtype, year, seq, reg_number, reg_date, correspondent, correspondent_number,
           correspondent_date, summary, department_id)
         SELECT $1, $2, CASE WHEN $3::text IS NULL THEN NULL WHEN g % 3 = 0 THEN 'powerOfAttorney' ELSE $3 END, $4, g,
           $5::text || '-' || g || '/' || $6::text,
           make_date($4, 1, 1) + ((g - 1) * (make_date($4 + 1, 1, 1) - make_date($4, 1, 1)) / $7),
           CASE WHEN $2 IN ('incoming', 'outgoing') THEN (${orgs})[1 + (g * 7) % ${ORGANISATIONS.length}] END,
           CASE WHEN $2 = 'incoming' THEN (1000 + (g * 37) % 9000)::text || '-' || (1 + g % 90) END,
           CASE WHEN $2 = 'incoming' THEN make_date($4, 1, 1) + ((g - 1) * (make_date($4 + 1, 1, 1) - make_date($4, 1, 1)) / $7) - (g % 4) END,
           CASE $2 WHEN 'incoming' THEN 'Письмо ' WHEN 'outgoing' THEN 'Ответ ' WHEN 'internal' THEN 'Служебная записка ' ELSE 'Договор ' END
             || (${subjects})[1 + (g * 5) % ${SUBJECTS.length}],
           d.deps[1 + g % array_length(d.deps, 1)]
         FROM generate_series(1, $7) g, d`,
        [municipalityId, kind, subtype, y.year, prefix, yy, count],
      );
      n("registry_document", r.rowCount);
      await q.query(`INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES ($1, $2, $3, $4)`, [
        municipalityId,
        kind,
        y.year,
        count,
      ]);
    }
    // meetings: twenty items a protocol, one order per item
    const meetingsCount = Math.ceil(y.meetingOrders / 20);
    n(
      "meeting",
      (
        await q.query(
          `INSERT INTO meeting (municipality_id, held_on, title, protocol_number)
           SELECT $1, make_date($2, 1, 10) + ((g - 1) * 350 / $3), 'Рабочее совещание у Городского Головы', 'ПР-' || g || '/' || $4::text
           FROM generate_series(1, $3) g`,
          [municipalityId, y.year, meetingsCount, yy],
        )
      ).rowCount,
    );
    n(
      "meeting_item",
      (
        await q.query(
          `INSERT INTO meeting_item (municipality_id, meeting_id, number, text)
           SELECT $1, m.id, ((g - 1) % 20) + 1, 'Обеспечить исполнение: ' || (${subjects})[1 + (g * 3) % ${SUBJECTS.length}]
           FROM generate_series(1, $2) g
           JOIN meeting m ON m.municipality_id = $1 AND m.protocol_number = 'ПР-' || ((g - 1) / 20 + 1) || '/' || $3::text`,
          [municipalityId, y.meetingOrders, yy],
        )
      ).rowCount,
    );
    // orders: numbered through the year's sources in turn; issued on the spread day; due in 30 days;
    // most accepted on time, some late, some extended once, some returned once, the latest still open
    const base = (source: string, count: number, offset: number, from: string, docExpr: string, itemExpr: string, question: string) =>
      q.query(
        `WITH d AS (SELECT ${deps} AS deps), src AS (
           SELECT g, make_date($2, 1, 1) + ((g - 1) * 358 / $3) AS issued ${from}
         )
         INSERT INTO control_order (municipality_id, number, source, document_id, meeting_item_id, broadcast_question, text, issued_on,
           term_kind, term_days, due, periodicity, state, responsible_department_id, extensions, returns, closed_on)
         SELECT $1, 'П-' || ($4::int + g) || '/' || $5::text, '${source}', ${docExpr}, ${itemExpr}, ${question},
           'Рассмотреть и обеспечить исполнение: ' || (${subjects})[1 + (g * 11) % ${SUBJECTS.length}],
           issued, 'calendarDays', 30, issued + 30 + CASE WHEN g % 17 = 0 THEN 30 ELSE 0 END, 'none',
           CASE WHEN issued + 30 >= make_date($2, 12, 1) AND g % 2 = 0 THEN 'inWork' ELSE 'done' END,
           d.deps[1 + (g * 3) % array_length(d.deps, 1)],
           CASE WHEN g % 17 = 0 THEN 1 ELSE 0 END, CASE WHEN g % 23 = 0 THEN 1 ELSE 0 END,
           CASE WHEN issued + 30 >= make_date($2, 12, 1) AND g % 2 = 0 THEN NULL
                ELSE issued + 30 + CASE WHEN g % 17 = 0 THEN 30 ELSE 0 END - (g % 12) + CASE WHEN g % 19 = 0 THEN 5 ELSE 0 END END
         FROM src, d`,
        [municipalityId, y.year, count, offset, yy],
      );
    let offset = 0;
    const add = async (source: string, count: number, from: string, docExpr: string, itemExpr: string, question: string) => {
      n("control_order", (await base(source, count, offset, from, docExpr, itemExpr, question)).rowCount);
      offset += count;
    };
    // a resolution on each of the first incoming documents: the «control documents»
    await add(
      "resolution",
      y.controlDocuments,
      `, (SELECT id FROM registry_document r WHERE r.municipality_id = $1 AND r.kind = 'incoming' AND r.year = $2 AND r.seq = g) AS doc_id FROM generate_series(1, $3) g`,
      "doc_id",
      "NULL",
      "NULL",
    );
    await add("headOrder", y.headOrders, "FROM generate_series(1, $3) g", "NULL", "NULL", "NULL");
    await add(
      "meeting",
      y.meetingOrders,
      `, (SELECT i.id FROM meeting_item i JOIN meeting m ON m.id = i.meeting_id WHERE m.municipality_id = $1
           AND m.protocol_number = 'ПР-' || ((g - 1) / 20 + 1) || '/' || $5::text AND i.number = ((g - 1) % 20) + 1) AS item_id
         FROM generate_series(1, $3) g`,
      "NULL",
      "item_id",
      "NULL",
    );
    await add(
      "broadcast",
      y.broadcastOrders,
      "FROM generate_series(1, $3) g",
      "NULL",
      "NULL",
      `'Вопрос жителя в прямом эфире: ' || (${subjects})[1 + g % ${SUBJECTS.length}]`,
    );
    await q.query(`INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES ($1, 'order', $2, $3)`, [
      municipalityId,
      y.year,
      offset,
    ]);
    // the history of deadlines: the first, and the extension where one was granted
    n(
      "control_order_deadline",
      (
        await q.query(
          `INSERT INTO control_order_deadline (municipality_id, order_id, due, reason)
           SELECT municipality_id, id, issued_on + 30, 'срок при постановке на контроль' FROM control_order
           WHERE municipality_id = $1 AND issued_on >= make_date($2, 1, 1) AND issued_on < make_date($2 + 1, 1, 1)
           UNION ALL
           SELECT municipality_id, id, due, 'продление' FROM control_order
           WHERE municipality_id = $1 AND issued_on >= make_date($2, 1, 1) AND issued_on < make_date($2 + 1, 1, 1) AND extensions > 0`,
          [municipalityId, y.year],
        )
      ).rowCount,
    );
    // appeals: registered within 3 days; one in 25 collective; one in 60 anonymous (not answered);
    // one in 30 redirected; one in 40 extended once; the rest answered within the term
    const topics = sqlArray(TOPICS);
    const districts = sqlArray(DISTRICTS);
    n(
      "appeal",
      (
        await q.query(
          `WITH d AS (SELECT ${deps} AS deps), src AS (
             SELECT g, make_date($2, 1, 1) + ((g - 1) * 360 / $3) AS received FROM generate_series(1, $3) g
           )
           INSERT INTO appeal (municipality_id, number, tracking_code, channel, received_on, registered_on, collective, signatories, anonymous,
             author_name, author_address, author_email, text, topic_code, district, assigned_department_id, state, due, extended,
             redirected_to, redirected_on, answer_text, answered_on, purge_after)
           SELECT $1, 'ОГ-' || lpad(g::text, 4, '0') || '/' || $2::int::text,
             translate(upper(substr(md5('orientir-demo-appeal:' || $1::uuid::text || ':' || $2::int::text || ':' || g), 1, 4)), '01', 'WZ') || '-' ||
             translate(upper(substr(md5('orientir-demo-appeal:' || $1::uuid::text || ':' || $2::int::text || ':' || g), 5, 4)), '01', 'WZ') || '-' ||
             translate(upper(substr(md5('orientir-demo-appeal:' || $1::uuid::text || ':' || $2::int::text || ':' || g), 9, 4)), '01', 'WZ'),
             (ARRAY['letter', 'email', 'portal', 'reception', 'social'])[1 + (g * 7) % 5],
             received, received + (g % 3),
             g % 25 = 0, CASE WHEN g % 25 = 0 THEN 2 + g % 40 ELSE 1 END, g % 60 = 0,
             CASE WHEN g % 60 = 0 THEN NULL ELSE 'Заявитель № ' || g END,
             CASE WHEN g % 60 = 0 THEN NULL ELSE 'г. Калуга, ул. Демонстрационная, д. ' || (1 + g % 150) END,
             NULL,
             'Прошу принять меры: ' || (${subjects})[1 + (g * 13) % ${SUBJECTS.length}],
             (${topics})[1 + (g * 7) % ${TOPICS.length}],
             (${districts})[1 + g % 3],
             d.deps[1 + (g * 5) % array_length(d.deps, 1)],
             CASE WHEN g % 60 = 0 THEN 'notAnswered' WHEN g % 30 = 0 THEN 'redirected'
                  WHEN received + 60 > make_date($2, 12, 31) AND g % 2 = 0 THEN 'inWork' ELSE 'answered' END,
             received + (g % 3) + 30 + CASE WHEN g % 40 = 0 THEN 30 ELSE 0 END, g % 40 = 0,
             CASE WHEN g % 30 = 0 AND g % 60 <> 0 THEN 'Министерство строительства и ЖКХ Калужской области' END,
             CASE WHEN g % 30 = 0 AND g % 60 <> 0 THEN received + (g % 3) + 5 END,
             CASE WHEN g % 30 <> 0 AND g % 60 <> 0 AND NOT (received + 60 > make_date($2, 12, 31) AND g % 2 = 0) THEN 'Ответ направлен заявителю' END,
             CASE WHEN g % 30 <> 0 AND g % 60 <> 0 AND NOT (received + 60 > make_date($2, 12, 31) AND g % 2 = 0)
                  THEN received + (g % 3) + 5 + (g % 24) + CASE WHEN g % 40 = 0 THEN 20 ELSE 0 END END,
             make_date($2 + 5, 12, 31)
           FROM src, d`,
          [municipalityId, y.year, y.appeals],
        )
      ).rowCount,
    );
    await q.query(`INSERT INTO doc_counter (municipality_id, kind, year, last) VALUES ($1, 'appeal', $2, $3)`, [
      municipalityId,
      y.year,
      y.appeals,
    ]);
  }
  await loadControlDemoMap(q, municipalityId); // districts on the map, persons of the breakdown
  return counts;
}
