"""Import from the palette ("Import a file…"): a path, a preview of what would be added,
merged and skipped, then `enter` again to import it all in one transaction."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from connecttui.core.errors import UserError
from connecttui.core.store.db import reading
from connecttui.core.text import printable
from connecttui.interop import importing
from connecttui.tui.frames import SteadyFrames
from connecttui.tui.modals.form_base import DialogButtons
from connecttui.tui.widgets.choice import ChoiceToggle

FORMATS = ["auto", "vcard", "google-csv", "monica"]


class ImportFile(SteadyFrames, ModalScreen[importing.ImportReport | None]):
    """Dismisses with the report of a real import, or None when cancelled."""

    BINDINGS: ClassVar = [Binding("escape", "cancel", "Cancel", show=False)]
    DEFAULT_CSS = """
    ImportFile { align: center middle; }
    ImportFile > Vertical {
        width: 90; max-width: 100%; height: 80%; min-height: 20; max-height: 100%;
        border: thick $accent; background: $surface; padding: 0 1;
    }
    ImportFile #import-title { text-style: bold; margin-bottom: 1; }
    ImportFile .row { height: 1; margin-bottom: 1; }
    ImportFile .row > Label { width: 10; color: $text-muted; }
    ImportFile Input { width: 1fr; }
    ImportFile VerticalScroll { height: 1fr; border: round $panel-lighten-2; }
    ImportFile #error { color: $error; height: auto; }
    ImportFile #keys { color: $text-muted; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.previewed: tuple[str, str] | None = None  # (path, format) the preview is of

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label("Import a file", id="import-title")
            with Horizontal(classes="row"):
                yield Label("File")
                yield Input(placeholder="~/contacts.vcf, a folder of .vcf, a Google CSV, "
                            "a Monica export", id="path", compact=True)
            with Horizontal(classes="row"):
                yield Label("Format")
                yield ChoiceToggle(FORMATS, "auto", keys={}, id="format")
            with VerticalScroll():
                yield Static("", id="preview", markup=False)
            yield Label("", id="error")
            yield Label("enter preview · enter again import · esc cancel", id="keys")
            yield DialogButtons("Preview")

    def on_mount(self) -> None:
        self.query_one("#path", Input).focus()

    def _choice(self) -> tuple[str, str]:
        path = str(Path(self.query_one("#path", Input).value.strip()).expanduser())
        return path, self.query_one("#format", ChoiceToggle).value

    @on(Input.Changed, "#path")
    @on(ChoiceToggle.Changed, "#format")
    def _changed(self) -> None:
        self.previewed = None
        self.query_one("#save", Button).label = "Preview"

    @on(Input.Submitted)
    def action_save(self) -> None:
        """`enter`, or the Preview/Import button: preview first, then import."""
        path, fmt = self._choice()
        if not self.query_one("#path", Input).value.strip():
            self._show_error("Type the path of the file or folder to import.")
            return
        self._run(path, fmt, dry_run=self.previewed != (path, fmt))

    def _show_error(self, text: str) -> None:
        self.query_one("#error", Label).update(Content(printable(text)))

    @work(thread=True, exclusive=True, group="import", exit_on_error=False)
    def _run(self, path: str, fmt: str, dry_run: bool) -> None:
        """Read and plan (or import) in a worker: a big vdir takes a while."""
        try:
            with reading():
                report = importing.import_path(
                    Path(path), None if fmt == "auto" else fmt, dry_run=dry_run
                )
        except UserError as error:
            self.app.call_from_thread(self._show_error, str(error))
            return
        self.app.call_from_thread(self._done, path, fmt, report)

    def _done(self, path: str, fmt: str, report: importing.ImportReport) -> None:
        if not report.dry_run:
            self.dismiss(report)
            return
        self.previewed = (path, fmt)
        self._show_error("")
        self.query_one("#preview", Static).update(importing.report_text(report))
        self.query_one("#keys", Label).update("enter import all of this · esc cancel")
        self.query_one("#save", Button).label = "Import"

    def action_cancel(self) -> None:
        self.dismiss(None)
