"""Executors: where ``translate`` runs the model, with one shared driver.

The driver (:func:`newsl10n.workflow.translate.translate`) plans, looks up the
translation memory and the MT cache, saves drafts under each catalog's lock and
writes QA and confidence notes, whatever the executor. An executor only decides
who computes the drafts, behind the :class:`~newsl10n.mt.base.Translator`
protocol with a ``translate_stream`` method:

* ``local`` (the default): the backend in this process (:func:`open_translator`).
  It never imports Ray.
* ``ray``: the same CTranslate2 batches on an actor pool of a Ray cluster
  (:mod:`newsl10n.workflow.executors.ray`, the only Ray importer), imported only
  when chosen.
"""

from __future__ import annotations

from collections.abc import Callable

from newsl10n.config import Config
from newsl10n.errors import UsageError
from newsl10n.mt.base import Translator

EXECUTORS = ("local", "ray")


def translator_factory(
    executor: str,
    config: Config,
    lang: str,
    *,
    model: str | None = None,
    ray_address: str | None = None,
    workers: int | None = None,
) -> Callable[[], Translator]:
    """A factory for the translator of ``executor``; called by the driver only when there is work.

    Raises:
        UsageError: unknown executor, or an option the executor does not take.
    """
    if executor not in EXECUTORS:
        raise UsageError(f"unknown executor {executor!r} (valid: {', '.join(EXECUTORS)})")
    if executor == "local":
        if ray_address or workers:
            raise UsageError("--ray-address and --workers need --executor ray")

        def local() -> Translator:
            from newsl10n.workflow.translate import open_translator

            return open_translator(config, lang, model=model)

        return local

    def ray() -> Translator:
        from newsl10n.workflow.executors.ray import open_ray_translator

        return open_ray_translator(config, lang, model=model, address=ray_address, workers=workers)

    return ray
