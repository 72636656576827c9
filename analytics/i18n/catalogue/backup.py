"""Catalogue area: snapshots and restores (analytics.backup, the command line, the Data page's Backups tab)
and the audit log (analytics.audit, the Data page's Audit tab)."""

from __future__ import annotations

TEXT: dict[str, tuple[str, str]] = {
    # --- why a snapshot was taken -------------------------------------------------------------------------
    "backup.reason.import": ("trước khi nhập", "before an import"),
    "backup.reason.undo": ("trước khi hoàn tác", "before an undo"),
    "backup.reason.restore": ("trước khi khôi phục", "before a restore"),
    "backup.reason.daily": ("hằng ngày", "daily"),
    "backup.reason.manual": ("tạo theo yêu cầu", "on request"),
    "backup.reason.sample": ("trước khi nạp dữ liệu minh họa", "before loading the sample"),
    "backup.reason.publish": ("cho các máy chủ bản sao", "for the read replicas"),
    # --- what went wrong ----------------------------------------------------------------------------------
    "backup.error.read_only": (
        "Kho đang mở chỉ đọc nên không tạo bản sao lưu hay khôi phục được.",
        "The store is open read-only, so no snapshot or restore can be made.",
    ),
    "backup.error.cannot_write": (
        "Không ghi được vào thư mục {folder} ({detail}). Hãy giải phóng chỗ trống hoặc cấp quyền ghi.",
        "Could not write to the folder {folder} ({detail}). Free some space or grant write access.",
    ),
    "backup.error.unverified": (
        "Bản sao {file} không khớp với kho khi kiểm tra lại nên đã bị loại; kho không thay đổi. Hãy thử lại.",
        "The copy {file} did not match the store when checked, so it was discarded; the store is unchanged. "
        "Try again.",
    ),
    "backup.error.unreadable": (
        "Không đọc được {file} như một kho dữ liệu DuckDB ({detail}): không khôi phục từ tệp này.",
        "{file} cannot be read as a DuckDB store ({detail}): it is not restored.",
    ),
    "backup.error.not_a_store": (
        "{file} là tệp DuckDB nhưng không phải kho dữ liệu của ứng dụng này: không khôi phục từ tệp này.",
        "{file} is a DuckDB file but not this app's store: it is not restored.",
    ),
    "backup.error.newer": (
        "{file} do phiên bản mới hơn của ứng dụng tạo ra (lược đồ {version}, phiên bản này biết đến {known}). "
        "Hãy cập nhật ứng dụng trước khi khôi phục.",
        "{file} was made by a newer version of the app (schema {version}; this one knows up to {known}). "
        "Update the app before restoring it.",
    ),
    "backup.error.missing": ("Không có tệp {file}.", "There is no file {file}."),
    "backup.error.bad_manifest": (
        "Tệp mô tả {file} của bản sao lưu không đọc được ({detail}): không khôi phục từ bản này.",
        "The snapshot's description {file} cannot be read ({detail}): it is not restored.",
    ),
    "backup.error.duplicates": (
        "{file} có mã hồ sơ ghi trên nhiều dòng ({detail}), điều ứng dụng không bao giờ ghi ra: không khôi phục "
        "từ tệp này, kho dữ liệu vẫn như trước. Hãy chọn một bản sao lưu khác.",
        "{file} holds record codes on more than one row ({detail}), which the app never writes: it is not "
        "restored, and the store stays as it was. Choose another snapshot.",
    ),
    "backup.error.changed": (
        "{file} đã bị thay đổi hoặc hư hỏng từ khi được tạo (mã kiểm tra không còn khớp): không khôi phục từ "
        "tệp này. Hãy chọn một bản sao lưu khác.",
        "{file} has changed or been damaged since it was made (its checksum no longer matches): it is not "
        "restored. Choose another snapshot.",
    ),
    # --- what to do about a damaged or lost store -----------------------------------------------------------
    "backup.advice.newest": (
        "Bản sao lưu mới nhất đã kiểm tra: {file} (lúc {when}, {records} hồ sơ). Khôi phục ở trang Dữ liệu "
        "(vai trò phân tích) hoặc bằng lệnh `python -m analytics restore {path}`.",
        "The newest verified snapshot: {file} (taken {when}, {records} records). Restore it on the Data page "
        "(analyst role) or with `python -m analytics restore {path}`.",
    ),
    "backup.advice.none": (
        "Không có bản sao lưu nào đã kiểm tra trong {folder}: hãy báo quản trị máy chủ.",
        "There is no verified snapshot in {folder}: tell the server's administrator.",
    ),
    # --- the command line -----------------------------------------------------------------------------------
    "backup.cli.done": (
        "Đã tạo bản sao lưu {path}: {records} hồ sơ, {size}; đã kiểm tra (mở được, số dòng và mã kiểm tra "
        "khớp với kho).",
        "Snapshot {path} made: {records} records, {size}; verified (it opens, its row counts and checksums "
        "match the store).",
    ),
    "backup.cli.same": (
        "Kho không thay đổi từ bản sao lưu mới nhất {path}: không tạo thêm bản nào.",
        "The store has not changed since the newest snapshot {path}: no new one was made.",
    ),
    "backup.cli.exists": (
        "Đã có tệp {path}: hãy chọn tên khác.",
        "{path} already exists: choose another name.",
    ),
    "backup.cli.none": ("Chưa có bản sao lưu nào trong {folder}.", "There is no snapshot in {folder} yet."),
    "backup.cli.line": (
        "{when}  {reason:<24} {records:>12} hồ sơ  {size:>9}  {verified}  {file}",
        "{when}  {reason:<24} {records:>12} records  {size:>9}  {verified}  {file}",
    ),
    "backup.cli.restored": (
        "Đã khôi phục {path} từ {file}: {records} hồ sơ.",
        "Restored {path} from {file}: {records} records.",
    ),
    "backup.cli.before": (
        "Trạng thái ngay trước khi khôi phục được giữ trong bản sao lưu {file}.",
        "The state just before the restore is kept in the snapshot {file}.",
    ),
    "backup.cli.aside": (
        "Tệp kho cũ (hỏng) được giữ nguyên ở {path}.",
        "The old (damaged) store file is kept as it was at {path}.",
    ),
    "backup.verified": ("đã kiểm tra", "verified"),
    "backup.unverified": ("CHƯA kiểm tra", "NOT verified"),
    # --- the Data page: snapshots ---------------------------------------------------------------------------
    "backup.title": ("Bản sao lưu", "Snapshots"),
    "backup.help": (
        "Ứng dụng tự sao lưu kho trước mỗi lần nhập, hoàn tác và khôi phục, và mỗi ngày một lần khi máy chủ "
        "chạy; mỗi bản được kiểm tra ngay khi tạo (mở được, số dòng và mã kiểm tra khớp với kho). Giữ lại: "
        "{keep}. Thư mục: {folder}.",
        "The app snapshots the store before every import, undo and restore, and once a day while the server "
        "runs; each one is verified when it is made (it opens, its row counts and checksums match the store). "
        "Kept: {keep}. Folder: {folder}.",
    ),
    "backup.keep": (
        "{recent} bản mới nhất, bản mới nhất của {daily} ngày và {weekly} tuần gần đây",
        "the {recent} newest, and the newest of each of the last {daily} days and {weekly} weeks",
    ),
    "backup.none": ("Chưa có bản sao lưu nào.", "There is no snapshot yet."),
    "backup.col.taken_at": ("Thời điểm", "Taken"),
    "backup.col.reason": ("Lý do", "Why"),
    "backup.col.records": ("Số hồ sơ", "Records"),
    "backup.col.size": ("Dung lượng", "Size"),
    "backup.col.verified": ("Kiểm tra", "Check"),
    "backup.col.file": ("Tệp", "File"),
    "backup.now": ("Sao lưu ngay", "Snapshot now"),
    "backup.made": (
        "Đã tạo bản sao lưu {file} ({records} hồ sơ), đã kiểm tra.",
        "Snapshot {file} made ({records} records), verified.",
    ),
    "backup.same": (
        "Kho không thay đổi từ bản sao lưu mới nhất ({file}).",
        "The store has not changed since the newest snapshot ({file}).",
    ),
    "backup.pick": ("Bản sao lưu để khôi phục", "Snapshot to restore"),
    "backup.option": ("{when} · {records} hồ sơ · {reason}", "{when} · {records} records · {reason}"),
    "backup.restore": ("Khôi phục…", "Restore…"),
    "backup.confirm_text": (
        "Khôi phục bản sao lưu lúc {when} ({records} hồ sơ)? Mọi hồ sơ, chỉ tiêu và đơn vị sẽ trở về đúng như "
        "lúc đó; trạng thái hiện tại được sao lưu trước, nên có thể quay lại. Nhật ký hoạt động được giữ nguyên.",
        "Restore the snapshot taken {when} ({records} records)? Every record, target and unit goes back to "
        "what it was then; the current state is snapshotted first, so this can be reversed. The audit log is "
        "kept.",
    ),
    "backup.confirm": ("Khôi phục", "Restore"),
    "backup.cancel": ("Hủy", "Cancel"),
    "backup.restored": (
        "Đã khôi phục bản sao lưu lúc {when}: {records} hồ sơ.",
        "Restored the snapshot taken {when}: {records} records.",
    ),
    "backup.failed": ("Chưa khôi phục được: {reason}", "Not restored: {reason}"),
    "backup.viewer": (
        "Danh sách bản sao lưu và việc khôi phục dành cho vai trò phân tích.",
        "The snapshots and restoring them are for the analyst role.",
    ),
    "backup.unavailable": (
        "Kho đang mở chỉ đọc nên không sao lưu hay khôi phục được lúc này.",
        "The store is open read-only, so nothing can be snapshotted or restored now.",
    ),
    "backup.damaged.title": ("Khôi phục kho dữ liệu", "Restore the store"),
    "backup.damaged.restore": ("Khôi phục bản sao lưu mới nhất", "Restore the newest snapshot"),
    "backup.damaged.text": (
        "Kho dữ liệu {path} không dùng được ({detail}). Bản sao lưu mới nhất đã kiểm tra: lúc {when}, "
        "{records} hồ sơ. Khôi phục sẽ đặt bản này vào chỗ của kho; tệp hỏng được giữ lại bên cạnh, không bị "
        "ghi đè.",
        "The store {path} cannot be used ({detail}). The newest verified snapshot: taken {when}, {records} "
        "records. Restoring puts it in the store's place; the damaged file is kept beside it, not overwritten.",
    ),
    # --- the audit log ----------------------------------------------------------------------------------------
    "audit.title": ("Nhật ký hoạt động", "Audit log"),
    "audit.help": (
        "Ai đã làm gì, lúc nào, từ địa chỉ nào: đăng nhập (cả sai mật khẩu), nhập, hoàn tác, sửa chỉ tiêu và "
        "đơn vị, khôi phục, tải hồ sơ xuống. Mới nhất ở trên.",
        "Who did what, when, from which address: sign-ins (wrong passwords too), imports, undos, edits of "
        "targets and units, restores, downloads of records. Newest first.",
    ),
    "audit.filter": ("Loại hoạt động", "Kinds of event"),
    "audit.filter.all": ("Mọi loại", "Every kind"),
    "audit.limited": ("Chỉ hiện {n} hoạt động mới nhất.", "Only the {n} newest events are shown."),
    "audit.empty": ("Chưa có hoạt động nào được ghi.", "Nothing has been logged yet."),
    "audit.viewer": (
        "Nhật ký hoạt động dành cho vai trò phân tích.",
        "The audit log is for the analyst role.",
    ),
    "audit.col.happened_at": ("Thời điểm", "When"),
    "audit.col.kind": ("Hoạt động", "Event"),
    "audit.col.actor": ("Người thực hiện", "By"),
    "audit.col.address": ("Địa chỉ", "Address"),
    "audit.col.subject": ("Đối tượng", "Subject"),
    "audit.col.detail": ("Chi tiết", "Detail"),
    "audit.kind.sign_in": ("Đăng nhập", "Sign-in"),
    "audit.kind.sign_in_failed": ("Đăng nhập sai", "Failed sign-in"),
    "audit.kind.import": ("Nhập dữ liệu", "Import"),
    "audit.kind.undo": ("Hoàn tác", "Undo"),
    "audit.kind.edit": ("Sửa chỉ tiêu, đơn vị", "Edit of targets, units"),
    "audit.kind.restore": ("Khôi phục", "Restore"),
    "audit.kind.download": ("Tải hồ sơ xuống", "Download of records"),
    "audit.kind.duplicate_mark": ("Đánh dấu cặp trùng", "Mark of a pair"),
    "audit.kind.duplicate_unmark": ("Hoàn tác đánh dấu cặp", "Mark of a pair undone"),
    "audit.kind.benefit_mark": ("Đánh dấu giá trị làm lợi", "Mark of a benefit"),
    "audit.detail.duplicate_mark": ("{mark}", "{mark}"),
    "audit.detail.duplicate_unmark": ("bỏ “{mark}”", "“{mark}” removed"),
    "audit.detail.benefit_mark": ("{basis}", "{basis}"),
    "audit.detail.import": (
        "lần nhập số {import_id} ({mode}): thêm {inserted}, cập nhật {updated}, xóa {deleted}, loại {rejected}",
        "import #{import_id} ({mode}): {inserted} added, {updated} updated, {deleted} deleted, {rejected} rejected",
    ),
    "audit.detail.undo": (
        "lần nhập số {import_id}: bỏ {deleted}, trả lại {restored}",
        "import #{import_id}: {deleted} removed, {restored} restored",
    ),
    "audit.detail.edit": (
        "sửa {changed}, thêm {added}, bỏ {removed}",
        "{changed} changed, {added} added, {removed} removed",
    ),
    "audit.detail.restore": (
        "{records} hồ sơ, bản sao lưu lúc {taken}",
        "{records} records, snapshot taken {taken}",
    ),
    "audit.detail.download": ("{format}: {rows} hồ sơ", "{format}: {rows} records"),
    "audit.detail.sign_in": ("tài khoản {account}", "account {account}"),
    "audit.detail.sign_in_failed": ("tài khoản {account}", "account {account}"),
    # --- the HTTP API's calls and tokens (issue 20) ------------------------------------------------------------------------------------
    "audit.kind.api": ("Gọi API", "API call"),
    "audit.kind.token": ("Mã truy cập API", "API token"),
    "audit.detail.api": ("HTTP {status}", "HTTP {status}"),
    "audit.detail.token": ("{action}", "{action}"),
}
