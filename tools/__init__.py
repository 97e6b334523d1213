"""Tools for the developers, outside the product package: gold-set evaluation and corpus gold sets."""
