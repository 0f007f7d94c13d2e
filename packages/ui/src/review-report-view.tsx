import { formatReportCell, ILLUSTRATIVE_NOTE, type ReviewReport } from "@datchuan/domain";

/**
 * A review report on screen (admin page, public bulletin) and in print: its title, the
 * illustrative notice when it applies, each section's paragraphs and tables in vi-VN numbers.
 */
export function ReportView({ report }: { report: ReviewReport }) {
  return (
    <article className="review-report" aria-labelledby="review-report-title">
      <h2 id="review-report-title">{report.title}</h2>
      {report.illustrative ? (
        <p className="notice notice-illustrative" role="note">
          {ILLUSTRATIVE_NOTE}
        </p>
      ) : null}
      {report.sections.map((section, k) => (
        <section key={section.id} aria-labelledby={`report-section-${section.id}`}>
          <h3 id={`report-section-${section.id}`}>
            {k + 1}. {section.heading}
          </h3>
          {section.paragraphs.map((p) => (
            <p key={p}>{p}</p>
          ))}
          {section.tables
            .filter((table) => table.rows.length > 0)
            .map((table) => (
              <div className="table-scroll" key={table.title}>
                <table>
                  <caption>{table.title}</caption>
                  <thead>
                    <tr>
                      {table.columns.map((c) => (
                        <th scope="col" key={c.header}>
                          {c.header}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {table.rows.map((row, r) => (
                      <tr key={r}>
                        {table.columns.map((c, i) => (
                          <td key={c.header} className={c.kind === "text" ? undefined : "num"}>
                            {formatReportCell(row[i] ?? null, c.kind)}
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            ))}
        </section>
      ))}
    </article>
  );
}
