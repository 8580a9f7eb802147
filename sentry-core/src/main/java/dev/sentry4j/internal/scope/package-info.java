/**
 * The scope machinery: {@code ScopeStorage} (each thread's stack of {@code Scopes}, the global
 * scope and the installed client) and {@code Scopes} (the three scopes in force and the capture,
 * tracing and propagation calls that use them). Span listeners are told here when the current span
 * changes. Internal, may change.
 */
package dev.sentry4j.internal.scope;
