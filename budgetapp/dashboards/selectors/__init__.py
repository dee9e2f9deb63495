"""Read-only queries behind the dashboards; each runs a fixed number of queries."""
