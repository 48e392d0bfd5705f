import type { Statistics } from "@chorus/shared";
import type { ChartConfiguration } from "chart.js";
import type { TFunction } from "i18next";
import { useMemo, type ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { Link } from "react-router";
import { locale } from "../../../lib/i18n";
import { cssColor, useShownTheme } from "../../../lib/theme";
import { ChartCanvas } from "./chart-canvas";

/**
 * Members' colours, none of them the outcomes' green, amber and grey: each at least 4.5:1
 * against the card in either scheme, and told apart by the legend and the tables too. Tokens of
 * index.css, read when the charts are made (a canvas takes no CSS).
 */
const PALETTE = ["--chart-1", "--chart-2", "--chart-3", "--chart-4", "--chart-5", "--chart-6", "--chart-7", "--chart-8"] as const;
const ON_TIME = "--chart-on-time";
const LATE = "--chart-late";
const SKIPPED = "--chart-skipped";
const MISSED = "--chart-missed";
type ColorToken = (typeof PALETTE)[number] | typeof ON_TIME | typeof LATE | typeof SKIPPED | typeof MISSED;

/** "Dec 1" ("1. Dez." in German) for the week starting on 2026-12-01 (the date is the circle's, so no zone applies). */
function labelsOf(weekStarts: readonly string[]): string[] {
  const format = new Intl.DateTimeFormat(locale(), { month: "short", day: "numeric", timeZone: "UTC" });
  return weekStarts.map((weekStart) => format.format(new Date(`${weekStart}T00:00:00Z`)));
}

type Member = Statistics["members"][number];
const COUNTS = ["completed", "onTime", "late", "skipped", "missed", "points"] as const;
type Count = (typeof COUNTS)[number];

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const total = (member: Member, count: Count) => sum(member.weeks.map((week) => week[count]));

function chart(
  type: "bar" | "line",
  labels: string[],
  datasets: { label: string; data: number[]; color: ColorToken }[],
  horizontal = false,
) {
  const stacked = type === "bar" && datasets.length > 1;
  const text = cssColor("--text");
  const axis = { ticks: { color: text }, grid: { color: cssColor("--chart-grid") }, border: { color: cssColor("--border") } };
  return {
    type,
    data: {
      labels,
      datasets: datasets.map(({ label, data, color }) => ({
        label,
        data,
        backgroundColor: cssColor(color),
        borderColor: cssColor(color),
        borderWidth: 2,
        maxBarThickness: 40,
      })),
    },
    options: {
      indexAxis: horizontal ? "y" : "x",
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      color: text,
      plugins: { legend: { display: datasets.length > 1, position: "bottom", labels: { color: text } } },
      scales: {
        x: { stacked, ...axis, ...(horizontal ? { beginAtZero: true, ticks: { ...axis.ticks, precision: 0 } } : {}) },
        y: { stacked, ...axis, ...(horizontal ? {} : { beginAtZero: true, ticks: { ...axis.ticks, precision: 0 } }) },
      },
    },
  } as ChartConfiguration<"bar" | "line">;
}

/** A chart, its one-line summary (also the canvas's name) and the table of its numbers. */
function Figure({
  id,
  title,
  summary,
  config,
  table,
}: {
  id: string;
  title: string;
  summary: string;
  config: ChartConfiguration<"bar" | "line">;
  table: ReactNode;
}) {
  const { t } = useTranslation("statistics");
  return (
    <section className="card statistics-figure" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p className="muted">{summary}</p>
      <ChartCanvas config={config} summary={t("figure.canvas", { title, summary })} />
      <details className="statistics-table">
        <summary>{t("figure.showNumbers")}</summary>
        {table}
      </details>
    </section>
  );
}

type Column = { key: string; label: string };

/** Rows of `cells` in the columns' order; the first cell heads its row. */
function Table({ caption, columns, rows }: { caption: string; columns: Column[]; rows: { key: string; cells: ReactNode[] }[] }) {
  return (
    <table>
      <caption className="visually-hidden">{caption}</caption>
      <thead>
        <tr>
          {columns.map((column) => (
            <th key={column.key} scope="col">
              {column.label}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map(({ key, cells }) => (
          <tr key={key}>
            <th scope="row">{cells[0]}</th>
            {columns.slice(1).map((column, index) => (
              <td key={column.key}>{cells[index + 1]}</td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

const columnsOf = (...labels: string[]): Column[] => labels.map((label) => ({ key: label, label }));

/** A total's summary, naming its peak week when there is one: "6 completions in all; most in the week of Dec 1 (4)." */
function summaryOf(
  t: TFunction<"statistics">,
  key: "completions" | "points",
  count: number,
  labels: readonly string[],
  perWeek: number[],
): string {
  const most = Math.max(...perWeek);
  return most > 0 ? t(`summaries.${key}Peak`, { count, week: labels[perWeek.indexOf(most)], most }) : t(`summaries.${key}`, { count });
}

/**
 * The four charts' configurations; new ones (so new charts) only when the numbers or the scheme
 * change (`_scheme` is what the colours are read in).
 */
function chartsOf({ members, weekStarts, topChores }: Statistics, t: TFunction<"statistics">, _scheme: "light" | "dark") {
  const labels = labelsOf(weekStarts);
  const one = members.length === 1 ? members[0]! : null;
  const bySeries = (count: Count) =>
    members.map((member, index) => ({
      label: member.displayName,
      data: member.weeks.map((week) => week[count]),
      color: PALETTE[index % PALETTE.length]!,
    }));
  return {
    completions: chart(
      "bar",
      labels,
      one
        ? [
            { label: t("counts.onTime"), data: one.weeks.map((week) => week.onTime), color: ON_TIME },
            { label: t("counts.late"), data: one.weeks.map((week) => week.late), color: LATE },
          ]
        : bySeries("completed"),
    ),
    points: chart("line", labels, bySeries("points")),
    outcomes: chart(
      "bar",
      members.map((member) => member.displayName),
      [
        { label: t("counts.onTime"), data: members.map((member) => total(member, "onTime")), color: ON_TIME },
        { label: t("counts.late"), data: members.map((member) => total(member, "late")), color: LATE },
        { label: t("counts.skipped"), data: members.map((member) => total(member, "skipped")), color: SKIPPED },
        { label: t("counts.missed"), data: members.map((member) => total(member, "missed")), color: MISSED },
      ],
      true,
    ),
    topChores: chart(
      "bar",
      topChores.map((chore) => chore.name),
      [{ label: t("columns.completions"), data: topChores.map((chore) => chore.completions), color: PALETTE[0] }],
      true,
    ),
  };
}

/** The numbers of GET /circles/current/statistics as charts, each with a summary and a table. */
export function StatisticsReport({ stats }: { stats: Statistics }) {
  const { t } = useTranslation("statistics");
  const { members, weekStarts, topChores } = stats;
  const one = members.length === 1 ? members[0]! : null;
  const labels = labelsOf(weekStarts);
  const number = new Intl.NumberFormat(locale());
  const perWeek = (count: Count) => weekStarts.map((_, index) => sum(members.map((member) => member.weeks[index]![count])));
  const totals = Object.fromEntries(COUNTS.map((count) => [count, sum(members.map((member) => total(member, count)))])) as Record<
    Count,
    number
  >;

  const scheme = useShownTheme();
  const configs = useMemo(() => chartsOf(stats, t, scheme), [stats, t, scheme]);

  const weekRows = (count: Count) =>
    weekStarts.map((weekStart, index) => ({
      key: weekStart,
      cells: [labels[index], ...members.map((member) => member.weeks[index]![count])],
    }));
  const byMember: Column[] = [
    { key: "week", label: t("columns.weekOf") },
    ...members.map((member) => ({ key: String(member.userId), label: member.displayName })),
  ];

  return (
    <>
      <section className="card" aria-labelledby="statistics-summary-heading">
        <h2 id="statistics-summary-heading">
          {t("summary.heading", { who: one ? one.displayName : t("summary.everyone"), from: labels[0], to: labels.at(-1) })}
        </h2>
        <dl className="statistics-summary">
          {COUNTS.map((count) => (
            <div key={count}>
              <dt>{t(`counts.${count}`)}</dt>
              <dd>{number.format(totals[count])}</dd>
            </div>
          ))}
        </dl>
      </section>
      <div className="statistics-grid">
        <Figure
          id="completions"
          title={t("figures.completions")}
          summary={summaryOf(t, "completions", totals.completed, labels, perWeek("completed"))}
          config={configs.completions}
          table={
            one ? (
              <Table
                caption={t("figures.completions")}
                columns={columnsOf(t("columns.weekOf"), t("counts.onTime"), t("counts.late"))}
                rows={one.weeks.map((week, index) => ({ key: week.weekStart, cells: [labels[index], week.onTime, week.late] }))}
              />
            ) : (
              <Table caption={t("figures.completions")} columns={byMember} rows={weekRows("completed")} />
            )
          }
        />
        <Figure
          id="points"
          title={t("figures.points")}
          summary={summaryOf(t, "points", totals.points, labels, perWeek("points"))}
          config={configs.points}
          table={<Table caption={t("figures.points")} columns={byMember} rows={weekRows("points")} />}
        />
        <Figure
          id="outcomes"
          title={t("figures.outcomes")}
          summary={t("summaries.outcomes", totals)}
          config={configs.outcomes}
          table={
            <Table
              caption={t("figures.outcomes")}
              columns={columnsOf(t("columns.member"), t("counts.onTime"), t("counts.late"), t("counts.skipped"), t("counts.missed"))}
              rows={members.map((member) => ({
                key: String(member.userId),
                cells: [
                  member.displayName,
                  total(member, "onTime"),
                  total(member, "late"),
                  total(member, "skipped"),
                  total(member, "missed"),
                ],
              }))}
            />
          }
        />
        <Figure
          id="top-chores"
          title={t("figures.topChores")}
          summary={
            topChores.length === 0
              ? t("summaries.noChores")
              : t("summaries.topChores", {
                  chores: topChores
                    .map((chore) => t("summaries.choreCount", { name: chore.name, completions: chore.completions }))
                    .join(", "),
                })
          }
          config={configs.topChores}
          table={
            <Table
              caption={t("figures.topChores")}
              columns={columnsOf(t("columns.chore"), t("columns.completions"))}
              rows={topChores.map((chore) => ({
                key: String(chore.choreId),
                cells: [
                  <Link key="name" to={`/chores/${chore.choreId}`}>
                    {chore.name}
                  </Link>,
                  chore.completions,
                ],
              }))}
            />
          }
        />
      </div>
    </>
  );
}
