"""Drawing: charts and graphs as SVG, reports and exports."""
