/**
 * Makers of the bundled demo data ({@code samples/}): the style synthesizer of the genre clips, the public-domain
 * melody corpus, the synthetic hourly series. Byte-reproducible from a seed. Imports {@code audio}, {@code midi}
 * and {@code files}.
 */
package dev.recur.samples;
