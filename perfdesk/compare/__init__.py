"""What changed between two department-years: projects, amounts, goals, indicators, Part 1 texts."""
