from django.apps import AppConfig


class HeupdagboekConfig(AppConfig):
    name = "heupdagboek"
    verbose_name = "Heupdagboek"

    def ready(self) -> None:
        # Registers the OpenAPI description of the X-Session-Token scheme.
        from heupdagboek import schema  # noqa: F401
