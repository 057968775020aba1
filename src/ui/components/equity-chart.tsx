// An agent's P&L over time (equity minus the starting cash) as a baseline chart: above zero in
// green, below in red.
import { BaselineSeries, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'preact/hooks';
import { signedMoney } from '../format.js';
import type { AgentDetail } from '../types.js';

export function EquityChart({ equity }: { equity: AgentDetail['equity'] }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<'Baseline'> } | null>(null);

  useEffect(() => {
    const api = createChart(box.current as HTMLElement, {
      autoSize: true,
      layout: { textColor: '#24292f', background: { color: '#ffffff' }, attributionLogo: false },
      grid: { vertLines: { color: '#eef0f2' }, horzLines: { color: '#eef0f2' } },
      timeScale: { timeVisible: true, secondsVisible: true },
    });
    const series = api.addSeries(BaselineSeries, {
      baseValue: { type: 'price', price: 0 },
      topLineColor: '#1a7f37',
      bottomLineColor: '#cf222e',
      topFillColor1: 'rgba(26,127,55,0.25)',
      topFillColor2: 'rgba(26,127,55,0.05)',
      bottomFillColor1: 'rgba(207,34,46,0.05)',
      bottomFillColor2: 'rgba(207,34,46,0.25)',
    });
    chart.current = { api, series };
    return () => {
      chart.current = null;
      api.remove();
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    // One point per second at most: the chart's time axis is in whole seconds.
    const points = new Map<number, number>();
    for (const p of equity) points.set(Math.floor(Date.parse(p.at) / 1000), p.pnl);
    chart.current.series.setData([...points].map(([time, value]) => ({ time: time as UTCTimestamp, value })));
    chart.current.api.timeScale().fitContent();
  }, [equity]);

  const last = equity.at(-1);
  return <div ref={box} class="chart equity" role="img" aria-label={`P&L over time, ${equity.length} points; now ${last ? signedMoney(last.pnl) : 'unknown'}`} />;
}
