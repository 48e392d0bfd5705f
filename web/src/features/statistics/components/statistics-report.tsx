import type { Statistics } from "@chorus/shared";
import type { ChartConfiguration } from "chart.js";
import { useMemo, type ReactNode } from "react";
import { Link } from "react-router";
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

const weekLabel = new Intl.DateTimeFormat("en", { month: "short", day: "numeric", timeZone: "UTC" });
/** "Dec 1" for the week starting on 2026-12-01 (the date is the circle's, so no zone applies). */
const labelOf = (weekStart: string) => weekLabel.format(new Date(`${weekStart}T00:00:00Z`));

type Member = Statistics["members"][number];
type Count = "completed" | "onTime" | "late" | "skipped" | "missed" | "points";

const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
const total = (member: Member, count: Count) => sum(member.weeks.map((week) => week[count]));
const plural = (count: number, one: string, many = `${one}s`) => `${count} ${count === 1 ? one : many}`;

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
  return (
    <section className="card statistics-figure" aria-labelledby={`${id}-heading`}>
      <h2 id={`${id}-heading`}>{title}</h2>
      <p className="muted">{summary}</p>
      <ChartCanvas config={config} summary={`${title}: ${summary}`} />
      <details className="statistics-table">
        <summary>Show the numbers</summary>
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

/** The peak week of a series, for the summaries: "most in the week of Dec 1 (5)". */
function peak(stats: Statistics, perWeek: number[]): string {
  const most = Math.max(...perWeek);
  if (most <= 0) return "";
  return `; most in the week of ${labelOf(stats.weekStarts[perWeek.indexOf(most)]!)} (${most})`;
}

/**
 * The four charts' configurations; new ones (so new charts) only when the numbers or the scheme
 * change (`_scheme` is what the colours are read in).
 */
function chartsOf({ members, weekStarts, topChores }: Statistics, _scheme: "light" | "dark") {
  const labels = weekStarts.map(labelOf);
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
            { label: "On time", data: one.weeks.map((week) => week.onTime), color: ON_TIME },
            { label: "Late", data: one.weeks.map((week) => week.late), color: LATE },
          ]
        : bySeries("completed"),
    ),
    points: chart("line", labels, bySeries("points")),
    outcomes: chart(
      "bar",
      members.map((member) => member.displayName),
      [
        { label: "On time", data: members.map((member) => total(member, "onTime")), color: ON_TIME },
        { label: "Late", data: members.map((member) => total(member, "late")), color: LATE },
        { label: "Skipped", data: members.map((member) => total(member, "skipped")), color: SKIPPED },
        { label: "Missed", data: members.map((member) => total(member, "missed")), color: MISSED },
      ],
      true,
    ),
    topChores: chart(
      "bar",
      topChores.map((chore) => chore.name),
      [{ label: "Completions", data: topChores.map((chore) => chore.completions), color: PALETTE[0] }],
      true,
    ),
  };
}

/** The numbers of GET /circles/current/statistics as charts, each with a summary and a table. */
export function StatisticsReport({ stats }: { stats: Statistics }) {
  const { members, weekStarts, topChores } = stats;
  const one = members.length === 1 ? members[0]! : null;
  const labels = weekStarts.map(labelOf);
  const range = `weeks of ${labels[0]} to ${labels.at(-1)}`;
  const perWeek = (count: Count) => weekStarts.map((_, index) => sum(members.map((member) => member.weeks[index]![count])));
  const totals = Object.fromEntries(
    (["completed", "onTime", "late", "skipped", "missed", "points"] as const).map((count) => [
      count,
      sum(members.map((member) => total(member, count))),
    ]),
  ) as Record<Count, number>;

  const scheme = useShownTheme();
  const configs = useMemo(() => chartsOf(stats, scheme), [stats, scheme]);

  const weekRows = (count: Count) =>
    weekStarts.map((weekStart, index) => ({
      key: weekStart,
      cells: [labels[index], ...members.map((member) => member.weeks[index]![count])],
    }));
  const byMember: Column[] = [
    { key: "week", label: "Week of" },
    ...members.map((member) => ({ key: String(member.userId), label: member.displayName })),
  ];

  return (
    <>
      <section className="card" aria-labelledby="statistics-summary-heading">
        <h2 id="statistics-summary-heading">
          {one ? one.displayName : "Everyone"}, {range}
        </h2>
        <dl className="statistics-summary">
          <div>
            <dt>Completed</dt>
            <dd>{totals.completed}</dd>
          </div>
          <div>
            <dt>On time</dt>
            <dd>{totals.onTime}</dd>
          </div>
          <div>
            <dt>Late</dt>
            <dd>{totals.late}</dd>
          </div>
          <div>
            <dt>Skipped</dt>
            <dd>{totals.skipped}</dd>
          </div>
          <div>
            <dt>Missed</dt>
            <dd>{totals.missed}</dd>
          </div>
          <div>
            <dt>Points</dt>
            <dd>{totals.points}</dd>
          </div>
        </dl>
      </section>
      <div className="statistics-grid">
        <Figure
          id="completions"
          title="Completions per week"
          summary={`${plural(totals.completed, "completion")} in all${peak(stats, perWeek("completed"))}.`}
          config={configs.completions}
          table={
            one ? (
              <Table
                caption="Completions per week"
                columns={columnsOf("Week of", "On time", "Late")}
                rows={one.weeks.map((week, index) => ({ key: week.weekStart, cells: [labels[index], week.onTime, week.late] }))}
              />
            ) : (
              <Table caption="Completions per week" columns={byMember} rows={weekRows("completed")} />
            )
          }
        />
        <Figure
          id="points"
          title="Points per week"
          summary={`${plural(totals.points, "point")} from chores${peak(stats, perWeek("points"))}.`}
          config={configs.points}
          table={<Table caption="Points per week" columns={byMember} rows={weekRows("points")} />}
        />
        <Figure
          id="outcomes"
          title="On time, late, skipped and missed"
          summary={`${totals.onTime} on time, ${totals.late} late, ${totals.skipped} skipped, ${totals.missed} missed.`}
          config={configs.outcomes}
          table={
            <Table
              caption="On time, late, skipped and missed"
              columns={columnsOf("Member", "On time", "Late", "Skipped", "Missed")}
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
          title="Top chores"
          summary={
            topChores.length === 0
              ? "No chores done in these weeks."
              : `Most done: ${topChores.map((chore) => `${chore.name} (${chore.completions})`).join(", ")}.`
          }
          config={configs.topChores}
          table={
            <Table
              caption="Top chores"
              columns={columnsOf("Chore", "Completions")}
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
