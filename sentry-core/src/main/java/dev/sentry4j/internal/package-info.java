/**
 * Small utilities shared by every layer (ids, sample-rand, frozen user values, string limits, the
 * SDK's thread factory, key matching for scrubbing). A leaf: it depends on nothing else in the SDK.
 * Internal, may change: not part of the API, and adapters must not use it.
 */
package dev.sentry4j.internal;
