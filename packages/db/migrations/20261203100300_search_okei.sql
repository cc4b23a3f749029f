-- Search and reference data (issue 13, parts 5 and 7).
--
-- 1. Units of measure from the all-Russian classifier ОКЕИ (ОК 015-94): the code, the name and the
--    national symbol as data, the units municipal programs use (length, area, volume, mass,
--    energy, time, money, people, places …). Global (the classifier is national), read-only for
--    the application; a program's indicator or metric keeps its unit text and `okei` code as before.
-- 2. Global search: one row per searchable thing of a municipality (programs, goals, activities,
--    indicators, metrics, confirming documents) in `search_entry`, kept up to date by triggers on
--    the source tables, with a generated tsvector of the Russian configuration (full-text) and a
--    trigram index (pg_trgm) on the title for typos. People are searched in `app_user` directly.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- The databases Orientir makes run with the C locale (embedded: `--locale=C`), where lower() and
-- the text search dictionaries leave Cyrillic as it is and pg_trgm sees no letters in it (its
-- trigrams of a Cyrillic word are empty). So the search folds the text itself, the same on any
-- server: `search_lower` lowers Cyrillic (and Latin) letters, what the Russian stemmer needs;
-- `search_fold` writes each lowered Cyrillic letter as one Latin letter or digit (ё as е), so that
-- trigram similarity compares Russian words letter by letter.
CREATE FUNCTION search_lower(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(lower($1), 'АБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ', 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя') $$;
CREATE FUNCTION search_fold(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT translate(public.search_lower($1), 'абвгдеёжзийклмнопрстуфхцчшщъыьэюя', 'abvgdeejziyklmnoprstufhc4w60q937x') $$;

CREATE TABLE okei_unit (
  code text PRIMARY KEY CHECK (code ~ '^[0-9]{3,4}$'),
  name text NOT NULL CHECK (length(trim(name)) > 0),
  symbol text NOT NULL CHECK (length(trim(symbol)) > 0),
  section text NOT NULL CHECK (section IN ('length', 'area', 'volume', 'mass', 'technical', 'time', 'economic')),
  ord integer NOT NULL
);
CREATE INDEX okei_unit_name_trgm ON okei_unit USING gin (search_fold(name || ' ' || symbol) gin_trgm_ops);

INSERT INTO okei_unit (code, name, symbol, section, ord) VALUES
  ('003', 'Миллиметр', 'мм', 'length', 1),
  ('004', 'Сантиметр', 'см', 'length', 2),
  ('005', 'Дециметр', 'дм', 'length', 3),
  ('006', 'Метр', 'м', 'length', 4),
  ('008', 'Километр; тысяча метров', 'км', 'length', 5),
  ('018', 'Погонный метр', 'пог. м', 'length', 6),
  ('019', 'Тысяча погонных метров', 'тыс. пог. м', 'length', 7),
  ('020', 'Условный метр', 'усл. м', 'length', 8),
  ('048', 'Тысяча условных метров', 'тыс. усл. м', 'length', 9),
  ('049', 'Километр условных труб', 'км усл. труб', 'length', 10),
  ('965', 'Тысяча километров', 'тыс. км', 'length', 11),
  ('050', 'Квадратный миллиметр', 'мм2', 'area', 12),
  ('051', 'Квадратный сантиметр', 'см2', 'area', 13),
  ('053', 'Квадратный дециметр', 'дм2', 'area', 14),
  ('055', 'Квадратный метр', 'м2', 'area', 15),
  ('057', 'Миллион квадратных метров', 'млн. м2', 'area', 16),
  ('058', 'Тысяча квадратных метров', 'тыс. м2', 'area', 17),
  ('059', 'Гектар', 'га', 'area', 18),
  ('060', 'Тысяча гектаров', 'тыс. га', 'area', 19),
  ('061', 'Квадратный километр', 'км2', 'area', 20),
  ('062', 'Условный квадратный метр', 'усл. м2', 'area', 21),
  ('081', 'Квадратный метр общей площади', 'м2 общ. пл', 'area', 22),
  ('082', 'Тысяча квадратных метров общей площади', 'тыс. м2 общ. пл', 'area', 23),
  ('083', 'Миллион квадратных метров общей площади', 'млн. м2 общ. пл', 'area', 24),
  ('084', 'Квадратный метр жилой площади', 'м2 жил. пл', 'area', 25),
  ('085', 'Тысяча квадратных метров жилой площади', 'тыс. м2 жил. пл', 'area', 26),
  ('087', 'Квадратный метр учебно-лабораторных зданий', 'м2 уч. лаб. здан', 'area', 27),
  ('109', 'Ар (100 м2)', 'а', 'area', 28),
  ('111', 'Кубический сантиметр; миллилитр', 'см3; мл', 'volume', 29),
  ('112', 'Литр; кубический дециметр', 'л', 'volume', 30),
  ('113', 'Кубический метр', 'м3', 'volume', 31),
  ('114', 'Тысяча кубических метров', 'тыс. м3', 'volume', 32),
  ('115', 'Миллиард кубических метров', 'млрд. м3', 'volume', 33),
  ('116', 'Декалитр', 'дкл', 'volume', 34),
  ('121', 'Плотный кубический метр', 'плотн. м3', 'volume', 35),
  ('122', 'Гектолитр', 'гл', 'volume', 36),
  ('123', 'Условный кубический метр', 'усл. м3', 'volume', 37),
  ('127', 'Тысяча плотных кубических метров', 'тыс. плотн. м3', 'volume', 38),
  ('130', 'Тысяча литров', 'тыс. л', 'volume', 39),
  ('159', 'Миллион кубических метров', 'млн. м3', 'volume', 40),
  ('161', 'Миллиграмм', 'мг', 'mass', 41),
  ('163', 'Грамм', 'г', 'mass', 42),
  ('166', 'Килограмм', 'кг', 'mass', 43),
  ('168', 'Тонна; метрическая тонна (1000 кг)', 'т', 'mass', 44),
  ('169', 'Тысяча тонн', 'тыс. т', 'mass', 45),
  ('171', 'Миллион тонн', 'млн. т', 'mass', 46),
  ('172', 'Тонна условного топлива', 'т усл. топл', 'mass', 47),
  ('175', 'Тысяча тонн условного топлива', 'тыс. т усл. топл', 'mass', 48),
  ('179', 'Условная тонна', 'усл. т', 'mass', 49),
  ('206', 'Центнер (метрический) (100 кг)', 'ц', 'mass', 50),
  ('207', 'Тысяча центнеров', 'тыс. ц', 'mass', 51),
  ('212', 'Ватт', 'Вт', 'technical', 52),
  ('214', 'Киловатт', 'кВт', 'technical', 53),
  ('215', 'Мегаватт; тысяча киловатт', 'МВт', 'technical', 54),
  ('222', 'Вольт', 'В', 'technical', 55),
  ('223', 'Киловольт', 'кВ', 'technical', 56),
  ('227', 'Киловольт-ампер', 'кВ·А', 'technical', 57),
  ('228', 'Мегавольт-ампер (тысяча киловольт-ампер)', 'МВ·А', 'technical', 58),
  ('231', 'Метр в час', 'м/ч', 'technical', 59),
  ('232', 'Килокалория', 'ккал', 'technical', 60),
  ('233', 'Гигакалория', 'Гкал', 'technical', 61),
  ('234', 'Тысяча гигакалорий', 'тыс. Гкал', 'technical', 62),
  ('235', 'Миллион гигакалорий', 'млн. Гкал', 'technical', 63),
  ('238', 'Гигакалория в час', 'Гкал/ч', 'technical', 64),
  ('243', 'Ватт-час', 'Вт·ч', 'technical', 65),
  ('245', 'Киловатт-час', 'кВт·ч', 'technical', 66),
  ('246', 'Мегаватт-час; 1000 киловатт-часов', 'МВт·ч', 'technical', 67),
  ('247', 'Гигаватт-час (миллион киловатт-часов)', 'ГВт·ч', 'technical', 68),
  ('251', 'Лошадиная сила', 'л. с', 'technical', 69),
  ('254', 'Бит', 'бит', 'technical', 70),
  ('255', 'Байт', 'байт', 'technical', 71),
  ('256', 'Килобайт', 'кбайт', 'technical', 72),
  ('257', 'Мегабайт', 'Мбайт', 'technical', 73),
  ('2545', 'Мегабит в секунду', 'Мбит/с', 'technical', 74),
  ('2553', 'Гигабайт', 'Гбайт', 'technical', 75),
  ('2554', 'Терабайт', 'Тбайт', 'technical', 76),
  ('260', 'Ампер', 'А', 'technical', 77),
  ('280', 'Градус Цельсия', '°C', 'technical', 78),
  ('283', 'Люкс', 'лк', 'technical', 79),
  ('290', 'Герц', 'Гц', 'technical', 80),
  ('294', 'Паскаль', 'Па', 'technical', 81),
  ('297', 'Килопаскаль', 'кПа', 'technical', 82),
  ('298', 'Мегапаскаль', 'МПа', 'technical', 83),
  ('316', 'Килограмм на кубический метр', 'кг/м3', 'technical', 84),
  ('328', 'Метр в секунду', 'м/с', 'technical', 85),
  ('333', 'Километр в час', 'км/ч', 'technical', 86),
  ('3135', 'Децибел', 'дБ', 'technical', 87),
  ('354', 'Секунда', 'с', 'time', 88),
  ('355', 'Минута', 'мин', 'time', 89),
  ('356', 'Час', 'ч', 'time', 90),
  ('359', 'Сутки', 'сут; дн', 'time', 91),
  ('360', 'Неделя', 'нед', 'time', 92),
  ('361', 'Декада', 'дек', 'time', 93),
  ('362', 'Месяц', 'мес', 'time', 94),
  ('364', 'Квартал', 'кварт', 'time', 95),
  ('365', 'Полугодие', 'полгода', 'time', 96),
  ('366', 'Год', 'г; лет', 'time', 97),
  ('368', 'Десятилетие', 'деслет', 'time', 98),
  ('383', 'Рубль', 'руб.', 'economic', 99),
  ('384', 'Тысяча рублей', 'тыс. руб.', 'economic', 100),
  ('385', 'Миллион рублей', 'млн. руб.', 'economic', 101),
  ('386', 'Миллиард рублей', 'млрд. руб.', 'economic', 102),
  ('387', 'Триллион рублей', 'трлн. руб.', 'economic', 103),
  ('414', 'Пассажиро-километр', 'пасс. км', 'economic', 104),
  ('421', 'Пассажирское место (пассажирских мест)', 'пасс. мест', 'economic', 105),
  ('423', 'Тысяча пассажиро-километров', 'тыс. пасс. км', 'economic', 106),
  ('424', 'Миллион пассажиро-километров', 'млн. пасс. км', 'economic', 107),
  ('427', 'Пассажиропоток', 'пасс. поток', 'economic', 108),
  ('449', 'Тонно-километр', 'т. км', 'economic', 109),
  ('450', 'Тысяча тонно-километров', 'тыс. т. км', 'economic', 110),
  ('508', 'Тысяча кубических метров в час', 'тыс. м3/ч', 'economic', 111),
  ('509', 'Километр в сутки', 'км/сут', 'economic', 112),
  ('521', 'Человек на квадратный метр', 'чел/м2', 'economic', 113),
  ('522', 'Человек на квадратный километр', 'чел/км2', 'economic', 114),
  ('534', 'Тонна в час', 'т/ч', 'economic', 115),
  ('535', 'Тонна в сутки', 'т/сут', 'economic', 116),
  ('538', 'Тысяча тонн в год', 'тыс. т/год', 'economic', 117),
  ('539', 'Человеко-час', 'чел. ч', 'economic', 118),
  ('540', 'Человеко-день', 'чел. дн', 'economic', 119),
  ('5401', 'Дето-день', 'дет. дн', 'economic', 120),
  ('541', 'Тысяча человеко-дней', 'тыс. чел. дн', 'economic', 121),
  ('542', 'Тысяча человеко-часов', 'тыс. чел. ч', 'economic', 122),
  ('5423', 'Человек в год', 'чел/год', 'economic', 123),
  ('545', 'Посещение в смену', 'посещ/смен', 'economic', 124),
  ('5451', 'Посещение', 'посещ', 'economic', 125),
  ('546', 'Тысяча посещений в смену', 'тыс. посещ/смен', 'economic', 126),
  ('596', 'Кубический метр в секунду', 'м3/с', 'economic', 127),
  ('598', 'Кубический метр в час', 'м3/ч', 'economic', 128),
  ('599', 'Тысяча кубических метров в сутки', 'тыс. м3/сут', 'economic', 129),
  ('625', 'Лист', 'л.', 'economic', 130),
  ('639', 'Доза', 'доз', 'economic', 131),
  ('640', 'Тысяча доз', 'тыс. доз', 'economic', 132),
  ('642', 'Единица', 'ед', 'economic', 133),
  ('6421', 'Единиц в год', 'ед/год', 'economic', 134),
  ('6422', 'Вызов', 'вызов', 'economic', 135),
  ('643', 'Тысяча единиц', 'тыс. ед', 'economic', 136),
  ('644', 'Миллион единиц', 'млн. ед', 'economic', 137),
  ('657', 'Изделие', 'изд', 'economic', 138),
  ('661', 'Канал', 'канал', 'economic', 139),
  ('673', 'Тысяча комплектов', 'тыс. компл', 'economic', 140),
  ('698', 'Место', 'мест', 'economic', 141),
  ('699', 'Тысяча мест', 'тыс. мест', 'economic', 142),
  ('704', 'Набор', 'набор', 'economic', 143),
  ('715', 'Пара (2 шт.)', 'пар', 'economic', 144),
  ('744', 'Процент', '%', 'economic', 145),
  ('745', 'Элемент', 'элем', 'economic', 146),
  ('746', 'Промилле (0,1 процента)', '‰', 'economic', 147),
  ('762', 'Станция', 'станц', 'economic', 148),
  ('778', 'Упаковка', 'упак', 'economic', 149),
  ('792', 'Человек', 'чел.', 'economic', 150),
  ('7923', 'Абонент', 'абонент', 'economic', 151),
  ('793', 'Тысяча человек', 'тыс. чел.', 'economic', 152),
  ('794', 'Миллион человек', 'млн. чел.', 'economic', 153),
  ('796', 'Штука', 'шт', 'economic', 154),
  ('797', 'Сто штук', '100 шт', 'economic', 155),
  ('798', 'Тысяча штук', 'тыс. шт', 'economic', 156),
  ('799', 'Миллион штук', 'млн. шт', 'economic', 157),
  ('836', 'Голова', 'гол', 'economic', 158),
  ('839', 'Комплект', 'компл', 'economic', 159),
  ('840', 'Секция', 'секц', 'economic', 160),
  ('876', 'Условная единица', 'усл. ед', 'economic', 161),
  ('877', 'Тысяча условных единиц', 'тыс. усл. ед', 'economic', 162),
  ('879', 'Условная штука', 'усл. шт', 'economic', 163),
  ('896', 'Семья', 'семей', 'economic', 164),
  ('897', 'Тысяча семей', 'тыс. семей', 'economic', 165),
  ('899', 'Домохозяйство', 'домхоз', 'economic', 166),
  ('900', 'Тысяча домохозяйств', 'тыс. домхоз', 'economic', 167),
  ('902', 'Ученическое место', 'учен. мест', 'economic', 168),
  ('903', 'Тысяча ученических мест', 'тыс. учен. мест', 'economic', 169),
  ('904', 'Рабочее место', 'раб. мест', 'economic', 170),
  ('905', 'Тысяча рабочих мест', 'тыс. раб. мест', 'economic', 171),
  ('906', 'Посадочное место', 'посад. мест', 'economic', 172),
  ('907', 'Тысяча посадочных мест', 'тыс. посад. мест', 'economic', 173),
  ('908', 'Номер', 'ном', 'economic', 174),
  ('909', 'Квартира', 'кварт', 'economic', 175),
  ('910', 'Тысяча квартир', 'тыс. кварт', 'economic', 176),
  ('911', 'Койка', 'коек', 'economic', 177),
  ('9111', 'Койко-день', 'койк. дн', 'economic', 178),
  ('912', 'Тысяча коек', 'тыс. коек', 'economic', 179),
  ('913', 'Том книжного фонда', 'том книжн. фонд', 'economic', 180),
  ('914', 'Тысяча томов книжного фонда', 'тыс. том книжн. фонд', 'economic', 181),
  ('915', 'Условный ремонт', 'усл. рем', 'economic', 182),
  ('917', 'Смена', 'смен', 'economic', 183),
  ('9245', 'Запись', 'запись', 'economic', 184),
  ('9246', 'Документ', 'докум', 'economic', 185),
  ('925', 'Условная труба', 'усл. труб', 'economic', 186),
  ('9642', 'Балл', 'балл', 'economic', 187),
  ('973', 'Тысяча автомобиле-километров', 'тыс. автомоб. км', 'economic', 188),
  ('979', 'Тысяча экземпляров', 'тыс. экз', 'economic', 189),
  ('985', 'Тысяча голов', 'тыс. гол', 'economic', 190),
  ('989', 'Человек в час', 'чел/ч', 'economic', 191),
  ('990', 'Пассажиров в час', 'пасс/ч', 'economic', 192);

CREATE TABLE search_entry (
  id uuid PRIMARY KEY,                -- the source row's id
  municipality_id uuid NOT NULL REFERENCES municipality(id) ON DELETE CASCADE,
  source text NOT NULL,               -- the source table
  kind text NOT NULL CHECK (kind IN ('program', 'goal', 'activity', 'indicator', 'metric', 'document')),
  program_id uuid REFERENCES program(id) ON DELETE CASCADE,
  code text,
  title text NOT NULL,
  detail text,
  tsv tsvector GENERATED ALWAYS AS (
    setweight(to_tsvector('russian'::regconfig, search_lower(coalesce(code, '') || ' ' || title)), 'A')
    || setweight(to_tsvector('russian'::regconfig, search_lower(coalesce(detail, ''))), 'C')
  ) STORED,
  -- the title folded for trigram similarity (search_fold)
  title_fold text GENERATED ALWAYS AS (search_fold(title)) STORED
);
CREATE INDEX search_entry_tsv ON search_entry USING gin (tsv);
CREATE INDEX search_entry_title_trgm ON search_entry USING gin (title_fold gin_trgm_ops);
CREATE INDEX ON search_entry (municipality_id, kind);
CREATE INDEX ON search_entry (program_id);
-- people by name, for the search of members
CREATE INDEX app_user_full_name_trgm ON app_user USING gin (search_fold(full_name) gin_trgm_ops);

-- Keeps search_entry in step with a source table; TG_ARGV[0] is the kind.
CREATE FUNCTION search_entry_sync() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  r jsonb;
  t text;
  d text;
BEGIN
  IF TG_OP = 'DELETE' THEN
    DELETE FROM search_entry WHERE id = OLD.id;
    RETURN OLD;
  END IF;
  r := to_jsonb(NEW);
  IF TG_TABLE_NAME = 'checkpoint_document' THEN
    SELECT f.filename INTO t FROM stored_file f WHERE f.id = NEW.file_id;
    d := r->>'comment';
  ELSE
    t := r->>'name';
    d := coalesce(r->>'description', r->>'expected_result');
  END IF;
  INSERT INTO search_entry (id, municipality_id, source, kind, program_id, code, title, detail)
  VALUES (NEW.id, NEW.municipality_id, TG_TABLE_NAME, TG_ARGV[0],
          CASE WHEN TG_TABLE_NAME = 'program' THEN NEW.id WHEN TG_TABLE_NAME = 'plan_activity' THEN NULL ELSE (r->>'program_id')::uuid END,
          r->>'code', coalesce(t, ''), d)
  ON CONFLICT (id) DO UPDATE SET
    program_id = EXCLUDED.program_id, code = EXCLUDED.code, title = EXCLUDED.title, detail = EXCLUDED.detail;
  RETURN NEW;
END $$;

CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON program FOR EACH ROW EXECUTE FUNCTION search_entry_sync('program');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON goal FOR EACH ROW EXECUTE FUNCTION search_entry_sync('goal');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON program_goal FOR EACH ROW EXECUTE FUNCTION search_entry_sync('goal');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON strategy_activity FOR EACH ROW EXECUTE FUNCTION search_entry_sync('activity');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON plan_activity FOR EACH ROW EXECUTE FUNCTION search_entry_sync('activity');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON element_activity FOR EACH ROW EXECUTE FUNCTION search_entry_sync('activity');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON strategy_indicator FOR EACH ROW EXECUTE FUNCTION search_entry_sync('indicator');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON plan_indicator FOR EACH ROW EXECUTE FUNCTION search_entry_sync('indicator');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON program_indicator FOR EACH ROW EXECUTE FUNCTION search_entry_sync('indicator');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON metric FOR EACH ROW EXECUTE FUNCTION search_entry_sync('metric');
CREATE TRIGGER search_entry_sync AFTER INSERT OR UPDATE OR DELETE ON checkpoint_document FOR EACH ROW EXECUTE FUNCTION search_entry_sync('document');

-- what is already stored
INSERT INTO search_entry (id, municipality_id, source, kind, program_id, code, title, detail)
SELECT id, municipality_id, 'program', 'program', id, code, name, NULL FROM program
UNION ALL SELECT id, municipality_id, 'goal', 'goal', NULL, code, name, description FROM goal
UNION ALL SELECT id, municipality_id, 'program_goal', 'goal', program_id, code, name, NULL FROM program_goal
UNION ALL SELECT id, municipality_id, 'strategy_activity', 'activity', NULL, code, name, expected_result FROM strategy_activity
UNION ALL SELECT id, municipality_id, 'plan_activity', 'activity', NULL, code, name, expected_result FROM plan_activity
UNION ALL SELECT id, municipality_id, 'element_activity', 'activity', program_id, code, name, description FROM element_activity
UNION ALL SELECT id, municipality_id, 'strategy_indicator', 'indicator', NULL, code, name, NULL FROM strategy_indicator
UNION ALL SELECT id, municipality_id, 'plan_indicator', 'indicator', NULL, code, name, NULL FROM plan_indicator
UNION ALL SELECT id, municipality_id, 'program_indicator', 'indicator', program_id, code, name, NULL FROM program_indicator
UNION ALL SELECT id, municipality_id, 'metric', 'metric', program_id, code, name, NULL FROM metric
UNION ALL SELECT d.id, d.municipality_id, 'checkpoint_document', 'document', d.program_id, NULL, f.filename, d.comment
  FROM checkpoint_document d JOIN stored_file f ON f.id = d.file_id;

-- the classifier is reference data: the application reads it only
DO $$
BEGIN
  IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'orientir_app') THEN
    REVOKE INSERT, UPDATE, DELETE, TRUNCATE ON okei_unit FROM orientir_app;
    GRANT SELECT ON okei_unit TO orientir_app;
  END IF;
END $$;
