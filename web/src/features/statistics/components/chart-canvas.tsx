/**
 * One Chart.js chart on a canvas. Only the parts the statistics page draws are registered,
 * so the page's chunk carries no more of the library than it uses (decision 0029).
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
  type ChartConfiguration,
} from "chart.js";
import { useEffect, useRef } from "react";

Chart.register(BarController, BarElement, CategoryScale, Legend, LinearScale, LineController, LineElement, PointElement, Tooltip);
// A canvas takes no CSS "inherit": the page's own font, as index.css names it.
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.font.size = 14;

/**
 * The canvas is an image to assistive technology, named by `summary`; the numbers it
 * draws are in a table next to it.
 */
export function ChartCanvas({ config, summary }: { config: ChartConfiguration<"bar" | "line">; summary: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    // No context where canvases are not drawn (jsdom): the table is still there.
    if (!canvas.current?.getContext("2d")) return;
    const chart = new Chart(canvas.current, config);
    return () => chart.destroy();
  }, [config]);
  return (
    <div className="chart">
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
