// One coin's candlesticks with TradingView's lightweight-charts. The container carries the last
// candle's time and close as data attributes and in its label, so people with a screen reader
// and tests alike can tell that the chart moved.
import { CandlestickSeries, createChart, type IChartApi, type ISeriesApi, type UTCTimestamp } from 'lightweight-charts';
import { useEffect, useRef } from 'preact/hooks';
import { num, utc } from '../format.js';
import type { MarketDetail } from '../types.js';

const seconds = (iso: string) => (Date.parse(iso) / 1000) as UTCTimestamp;

export function CandleChart({ detail }: { detail: MarketDetail }) {
  const box = useRef<HTMLDivElement>(null);
  const chart = useRef<{ api: IChartApi; series: ISeriesApi<'Candlestick'> } | null>(null);

  useEffect(() => {
    const api = createChart(box.current as HTMLElement, {
      autoSize: true,
      // The attribution is in the page footer: the logo would need an inline <style> the CSP refuses.
      layout: { textColor: '#24292f', background: { color: '#ffffff' }, attributionLogo: false },
      grid: { vertLines: { color: '#eef0f2' }, horzLines: { color: '#eef0f2' } },
      timeScale: { timeVisible: true, secondsVisible: false },
    });
    const series = api.addSeries(CandlestickSeries, { upColor: '#1a7f37', downColor: '#cf222e', wickUpColor: '#1a7f37', wickDownColor: '#cf222e', borderVisible: false });
    chart.current = { api, series };
    return () => {
      chart.current = null;
      api.remove();
    };
  }, []);

  useEffect(() => {
    if (!chart.current) return;
    chart.current.series.setData(detail.candles.map((c) => ({ time: seconds(c.openTime), open: c.open, high: c.high, low: c.low, close: c.close })));
    chart.current.api.timeScale().fitContent();
  }, [detail]);

  const last = detail.candles.at(-1);
  const label = last
    ? `${detail.name} ${detail.interval} candles, ${detail.candles.length} shown; last opened ${utc(last.openTime)}, close ${num(last.close)}`
    : `${detail.name}: no candles`;
  return <div ref={box} class="chart candles" role="img" aria-label={label} data-last-time={last?.openTime} data-last-close={last?.close} />;
}
