"""perfdesk: 部门预算绩效文本编制工具 (offline desktop application)."""

__version__ = "0.1.0"
APP_NAME = "perfdesk"
APP_TITLE = "绩效文本编制助手"
#: Who publishes the program: the Windows file properties and the installer say so.
APP_PUBLISHER = "perfdesk 项目组"
#: A workspace file's suffix (perfdesk.models.workspace); here, so the GUI's file dialogs need no database code.
WORKSPACE_SUFFIX = ".perfdesk"
