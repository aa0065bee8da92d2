// The inbox's items, as the header's drawer and the 我的消息 page show them: the tag colour of
// each kind, opening an item (marked read with a POST, then its link when it is one of this
// app's pages), marking all read, and the one unread count the header's badge shows, which each
// of these keeps true at once.
import { ref } from 'vue'
import { inboxApi } from './api.js'

export const unread = ref(0)

// Reads the count from the server; rejects with the ApiError of the GET.
export async function refreshUnread() {
  unread.value = (await inboxApi.unreadCount()).unread ?? 0
}

// 全部标为已读: resolves with how many were marked; rejects with the ApiError of the POST.
export async function markAllRead() {
  const res = await inboxApi.readAll()
  unread.value = res.unread ?? 0
  return res.marked ?? 0
}

export const INBOX_KIND_TAG = {
  notice: 'warning', notice_replied: 'primary', notice_closed: 'success', notice_escalated: 'danger',
  notice_due_soon: 'warning', notice_overdue: 'danger', due_soon: 'warning', overdue: 'danger', returned: 'danger',
  plan_submitted: 'warning', revision_submitted: 'warning', report_submitted: 'warning',
  plan_approved: 'success', revision_approved: 'success', report_accepted: 'success',
  plan_returned: 'danger', revision_returned: 'danger', report_returned: 'danger',
  power_step: 'primary', duty_step: 'primary', problem_step: 'warning',
  land_case_opened: 'warning', land_case_closed: 'success', space_match_proposed: 'warning', space_match_ended: 'success',
  rule_listed: 'primary', rule_done: 'success',
  role_change_proposed: 'warning', role_change_confirmed: 'success', role_change_rejected: 'danger',
}

// Marks the item read (once) and resolves with the path to open, or null when it has none that
// is safe to follow. Rejects with the ApiError of the POST.
export async function openInboxItem(item) {
  if (!item.read) {
    await inboxApi.read(item.id)
    item.read = true
    unread.value = Math.max(0, unread.value - 1)
  }
  return item.link && item.link.startsWith('/') && !item.link.startsWith('//') ? item.link : null
}
