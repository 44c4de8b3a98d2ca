"""Writers that turn the domain model into files a clerk sends (JSON, Word, Excel)."""
