"""帮助 → 使用说明 (F1): a short Chinese guide shipped as data (perfdesk/data/help.html), shown inside the app."""

from __future__ import annotations

from importlib import resources

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTextBrowser, QVBoxLayout, QWidget

HELP_FILE = "help.html"


def help_html() -> str:
    return resources.files("perfdesk.data").joinpath(HELP_FILE).read_text("utf-8")


class HelpDialog(QDialog):
    """The guide in a QTextBrowser; not modal, so the clerk can keep it open beside the work."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("helpDialog")
        self.setWindowTitle("使用说明")
        self.browser = QTextBrowser()
        self.browser.setOpenLinks(False)  # the guide has no links; nothing may navigate it away
        self.browser.setHtml(help_html())
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.browser)
        layout.addWidget(buttons)
        self.resize(760, 680)
