"""The interchange formats as data, shared by the readers (importers) and the writers (export).

Nothing here reads or writes a file: ``json_schema`` describes the perfdesk/1 JSON format, which
``perfdesk.importers.json_import`` validates against and ``perfdesk.export.json_export`` stamps.
"""
