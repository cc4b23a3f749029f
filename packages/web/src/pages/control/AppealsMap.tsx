/**
 * The map of appeals (issue 15, part 4): each district whose coordinates are known (data of the
 * municipality, control_district) as a circle at its point, its area proportional to the number of
 * appeals. Drawn as SVG from the data alone — no tile server, works offline and under the strict
 * CSP (presentation attributes only); the table of districts beside it is its text alternative.
 */
import { messages, useT } from "../../lib/i18n.tsx";

const M = messages({
  map: ["Карта обращений по территориям", "Map of appeals by district"],
  noPoints: [
    "Координаты территорий не заданы: обращения показаны только таблицей",
    "No district has coordinates: the appeals are shown by the table only",
  ],
  notOnMap: ["Без координат (не на карте): {n}", "Without coordinates (not on the map): {n}"],
});

export interface MapDistrict {
  district: string | null;
  count: number;
  lat: number | null;
  lon: number | null;
}

const W = 520;
const H = 340;
const PAD = 70;
const fmt = new Intl.NumberFormat("ru-RU");

/** Screen positions of the points: an equirectangular projection fitted to the box, north up. */
export function placePoints(points: readonly { lat: number; lon: number }[]): { x: number; y: number }[] {
  if (!points.length) return [];
  const lats = points.map((p) => p.lat);
  const lons = points.map((p) => p.lon);
  const k = Math.cos(((Math.min(...lats) + Math.max(...lats)) / 2) * (Math.PI / 180));
  const x0 = Math.min(...lons) * k;
  const x1 = Math.max(...lons) * k;
  const y0 = Math.min(...lats);
  const y1 = Math.max(...lats);
  const span = Math.max(x1 - x0, y1 - y0, 1e-9);
  const scale = Math.min(W - 2 * PAD, H - 2 * PAD) / span;
  const cx = (W - (x1 - x0) * scale) / 2;
  const cy = (H - (y1 - y0) * scale) / 2;
  return points.map((p) => ({ x: cx + (p.lon * k - x0) * scale, y: cy + (y1 - p.lat) * scale }));
}

export function AppealsMap({ districts }: { districts: readonly MapDistrict[] }) {
  const t = useT(M);
  const located = districts.filter((d): d is MapDistrict & { lat: number; lon: number } => d.lat !== null && d.lon !== null);
  const rest = districts.filter((d) => d.lat === null || d.lon === null).reduce((s, d) => s + d.count, 0);
  if (!located.length)
    return (
      <p className="muted" data-testid="appeals-map-none">
        {t("noPoints")}
      </p>
    );
  const max = Math.max(...located.map((d) => d.count), 1);
  const at = placePoints(located);
  return (
    <figure data-testid="appeals-map">
      <svg viewBox={`0 0 ${W} ${H}`} width="100%" style={{ maxWidth: W }} role="img" aria-label={t("map")}>
        <title>{t("map")}</title>
        <rect x={0} y={0} width={W} height={H} fill="#f4f6f8" stroke="#c9d1d9" />
        {located.map((d, i) => {
          const r = 8 + 42 * Math.sqrt(d.count / max);
          const p = at[i]!;
          return (
            <g key={d.district ?? i}>
              <circle cx={p.x} cy={p.y} r={r} fill="#1c7ed6" fillOpacity={0.45} stroke="#1864ab" />
              <text x={p.x} y={p.y + 4} textAnchor="middle" fontSize={13} fontWeight="bold" fill="#0b2239">
                {fmt.format(d.count)}
              </text>
              <text x={p.x} y={p.y + r + 15} textAnchor="middle" fontSize={12} fill="#0b2239">
                {d.district}
              </text>
            </g>
          );
        })}
      </svg>
      {rest ? <figcaption className="muted small">{t("notOnMap", { n: fmt.format(rest) })}</figcaption> : null}
    </figure>
  );
}
