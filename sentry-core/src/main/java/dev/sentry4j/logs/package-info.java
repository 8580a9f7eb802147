/**
 * Sentry Logs: structured log records sent to Sentry's Logs product when the {@code enableLogs}
 * option is on (environment variable {@code SENTRY_ENABLE_LOGS}, appender property {@code
 * enableLogs}).
 *
 * <p>Two ways in: every line of a logging adapter at or above its {@code minimumLevel} (default
 * INFO), through {@link dev.sentry4j.spi.logging.LogCapture}; and code, through {@link
 * dev.sentry4j.Sentry#logger()} ({@link dev.sentry4j.SentryLogger}, printf-style templates).
 *
 * <h2>What a record carries</h2>
 *
 * <p>{@code timestamp} (epoch seconds), {@code trace_id} and {@code span_id} of the span active
 * where it was logged (else the scope's propagation context), {@code level} ({@code trace}, {@code
 * debug}, {@code info}, {@code warn}, {@code error}, {@code fatal}), {@code severity_number},
 * {@code body} (the formatted message) and these attributes ({@link
 * dev.sentry4j.logs.LogAttributes} holds the names):
 *
 * <table>
 *   <caption>Attributes</caption>
 *   <tr><th>name</th><th>type</th><th>when</th></tr>
 *   <tr><td>{@code sentry.environment}, {@code sentry.sdk.name}, {@code sentry.sdk.version}</td>
 *       <td>string</td><td>always</td></tr>
 *   <tr><td>{@code sentry.release}</td><td>string</td><td>when the {@code release} option is set</td></tr>
 *   <tr><td>{@code server.address}</td><td>string</td><td>{@code serverName}, else the host name</td></tr>
 *   <tr><td>{@code sentry.origin}</td><td>string</td>
 *       <td>{@code auto.log.logback}, {@code auto.log.log4j2}, {@code auto.log.jul} on adapter lines;
 *       absent on {@code Sentry.logger()} records</td></tr>
 *   <tr><td>{@code sentry.message.template}, {@code sentry.message.parameter.N}</td>
 *       <td>string; parameters keep their type</td><td>only with at least one parameter</td></tr>
 *   <tr><td>{@code logger.name}, {@code thread.name}, {@code thread.id}</td>
 *       <td>string, string, integer</td><td>adapter lines</td></tr>
 *   <tr><td>{@code mdc.<key>}</td><td>string</td><td>every MDC / ThreadContext entry of the line</td></tr>
 *   <tr><td>key of an SLF4J 2 key-value pair or structured-data entry</td>
 *       <td>its own: integer, double, boolean or string</td><td>adapter lines that have them</td></tr>
 *   <tr><td>{@code marker}</td><td>string (comma-separated)</td><td>lines with markers</td></tr>
 *   <tr><td>{@code exception.type}, {@code exception.message}</td><td>string</td>
 *       <td>lines with a throwable (no stack trace: logs are billed by size)</td></tr>
 *   <tr><td>{@code code.function.name}, {@code code.file.path}, {@code code.line.number}</td>
 *       <td>string, string, integer</td><td>when the framework computed the caller</td></tr>
 *   <tr><td>{@code user.id}, {@code user.name}, {@code user.email}</td><td>string</td>
 *       <td>only with {@code sendDefaultPii}, from the scope's user</td></tr>
 * </table>
 *
 * <p>Choices worth knowing. <b>MDC keys are prefixed {@code mdc.}</b>, as the reference Java SDK
 * names them, so that searches and dashboards made for it keep working and an MDC key can never
 * clash with Sentry's or OpenTelemetry's names ({@code sentry.*}, {@code trace_id}); unlike the
 * reference SDK, <em>all</em> entries are sent, not only the {@code contextTags} keys. SLF4J 2
 * key-value pairs are the line's own structured data and keep their names and JSON types; where one
 * has the name of an attribute the SDK writes, the SDK's value wins. Every record's envelope has
 * <b>no {@code trace} header</b>: a batch mixes records of many traces, and the header (the Dynamic
 * Sampling Context) only steers sampling of transactions. Attribute values are primitives only
 * (string, boolean, integer, double); collections are sent as text. Bodies over {@value
 * dev.sentry4j.logs.LogItem#MAX_BODY_LENGTH} characters and string attributes over {@value
 * dev.sentry4j.logs.LogItem#MAX_ATTRIBUTE_LENGTH} are cut, so that a batch stays under Sentry's 1
 * MiB item limit.
 *
 * <h2>Delivery</h2>
 *
 * <p>The logging thread only freezes the record and appends it to a bounded buffer. Batches of at
 * most {@code logsBatchSize} (100) records go out when that many are waiting, {@code
 * logsFlushInterval} (5 s) after the first one, and on {@code Sentry.flush()} / {@code close()} (so
 * also when an adapter stops). At most {@code maxLogsInMemory} (1000) records and about 4 MiB are
 * buffered; what does not fit is dropped and reported in client reports as {@code buffer_overflow}
 * under {@code log_item} (records) and {@code log_byte} (estimated bytes). Default attributes,
 * {@code beforeSendLog} and JSON run on the SDK's {@code sentry4j-logs} thread (or the thread
 * calling {@code flush}/{@code close}); a record {@code beforeSendLog} drops is counted as {@code
 * before_send}. No sampling applies to logs.
 */
package dev.sentry4j.logs;
