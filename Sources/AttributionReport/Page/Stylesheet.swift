/// The page's only stylesheet, inline. System fonts only: nothing is fetched.
enum Stylesheet {
    static let css = """
        :root { color-scheme: light; }
        * { box-sizing: border-box; }
        body { margin: 0; font-family: system-ui, -apple-system, "Segoe UI", "DejaVu Sans", "Liberation Sans", Arial, sans-serif;
          font-size: 14px; line-height: 1.45; color: #222; background: #fff; }
        main { max-width: 1240px; margin: 0 auto; padding: 24px 28px 48px; }
        h1 { font-size: 24px; margin: 0 0 4px; }
        h2 { font-size: 19px; margin: 36px 0 10px; padding-bottom: 4px; border-bottom: 2px solid #0072B2; }
        h3 { font-size: 16px; margin: 26px 0 8px; }
        h4 { font-size: 14px; margin: 18px 0 6px; color: #444; }
        p { margin: 6px 0 10px; max-width: 80ch; }
        .subtitle { color: #555; margin: 0 0 12px; }
        .note { color: #555; font-size: 13px; }
        .alert { border-left: 4px solid #D55E00; background: #fff4ec; padding: 8px 12px; }
        .headline { font-size: 16px; max-width: 90ch; }
        details.units { margin: 4px 0 12px; }
        details.units summary { cursor: pointer; color: #0072B2; font-size: 13px; }
        nav.toc { font-size: 13px; margin: 8px 0 4px; }
        nav.toc a { color: #0072B2; margin-right: 14px; text-decoration: none; }
        figure { margin: 10px 0 16px; break-inside: avoid; page-break-inside: avoid; }
        figcaption { font-size: 12px; color: #555; margin-top: 2px; }
        svg.chart { display: block; overflow: visible; }
        svg.chart text { font-family: inherit; }
        .row { display: flex; flex-wrap: wrap; gap: 8px 36px; align-items: flex-start; }
        .row > * { min-width: 0; max-width: 100%; }
        .tiles { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 10px; margin: 10px 0 16px; }
        .tile { border: 1px solid #ddd; border-radius: 6px; padding: 8px 12px; break-inside: avoid; }
        .tile .label { font-size: 12px; color: #555; }
        .tile .value { font-size: 20px; font-weight: 600; font-variant-numeric: tabular-nums; overflow-wrap: anywhere; }
        .table-wrap { max-width: 100%; overflow-x: auto; margin: 8px 0 16px; }
        table.data { border-collapse: collapse; font-size: 12.5px; }
        table.credit td:first-child { max-width: 28ch; }
        table.data th, table.data td { padding: 2px 8px; border-bottom: 1px solid #e4e4e4; text-align: left; vertical-align: top; }
        table.data th { background: #f3f6f9; font-weight: 600; }
        table.data td { overflow-wrap: break-word; max-width: 46ch; }
        table.data th.num { white-space: normal; }
        table.data .num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        table.data tbody tr:nth-child(even) td { background: #fafafa; }
        table.data.compact { font-size: 11px; }
        table.data.compact th, table.data.compact td { padding: 2px 3px; }
        table.data.compact td:first-child { max-width: 15ch; }
        dl.meta { display: grid; grid-template-columns: max-content 1fr; gap: 2px 16px; font-size: 13px; }
        dl.meta dt { color: #555; }
        dl.meta dd { margin: 0; overflow-wrap: anywhere; }
        ul.errors li { margin-bottom: 6px; }
        code { font-size: 12px; background: #f3f3f3; padding: 0 3px; border-radius: 3px; overflow-wrap: anywhere; }
        @media print {
          @page { margin: 14mm 12mm; }
          body { font-size: 11pt; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          main { max-width: none; padding: 0; }
          nav.toc { display: none; }
          h2, h3, h4 { break-after: avoid; page-break-after: avoid; }
          .table-wrap { overflow: visible; }
          thead { display: table-header-group; }
          tr { break-inside: avoid; page-break-inside: avoid; }
        }
        """
}
