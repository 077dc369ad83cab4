"""Running newsledger past one process: Parquet output, input counting and the Ray engine.

Nothing here imports Ray at module level: ``newsledger.scale.ray_engine`` is imported only by
``ingest(..., engine="ray")``, and Ray itself only inside it (it is an optional dependency, in
the ``scale`` extra).
"""
