"""Sources and quotes: reading the articles, anchoring a quote to an exact span, the nearest passage, selections."""
