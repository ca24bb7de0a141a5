import type { adminEn } from './admin-en';

/** 管理员的教师账号、费用上限和个人会话模型，待批准的教师，以及中性的注册结果；键与 admin-en.ts 相同（类型检查保证）。 */
export const adminZh: Record<keyof typeof adminEn, string> = {
  'admin.teachers.title': '教师账号',
  'admin.teachers.intro':
    '任何人都可以注册为教师，所以新的教师账号要等你批准后才能创建班级。停用某位教师会让其在所有设备上退出登录，其班级也会停止产生费用，直到你重新启用。',
  'admin.teachers.none': '还没有教师账号。',
  'admin.teachers.pending': '等待批准',
  'admin.teachers.approved': '已批准',
  'admin.teachers.disabled': '已停用',
  'admin.teachers.summary': '{classes} 个班级 · 本月 {spent}',
  'admin.teachers.approve': '批准',
  'admin.teachers.disable': '停用',
  'admin.teachers.enable': '重新启用',
  'admin.teachers.disableConfirm': '要停用 {name} 吗？其将在所有设备上退出登录，班级也会停止产生费用，直到你重新启用。',
  'admin.teachers.capDay': '个人每日上限（美元）',
  'admin.teachers.capMonth': '个人每月上限（美元）',
  'admin.teachers.saveCaps': '设定个人上限',
  'admin.teachers.capHint': '留空：适用学校为每位教师设定的上限。',
  'admin.caps.title': '费用上限',
  'admin.caps.intro':
    '学校的模型密钥最多能花多少钱：按 UTC 日和月计，以美元为单位，分别针对整个学校和每位教师的全部班级。留空表示不设上限。会超出上限的消息会被拒绝，并给出清楚的说明。',
  'admin.caps.day': '全校每日（美元）',
  'admin.caps.month': '全校每月（美元）',
  'admin.caps.teacherDay': '每位教师每日（美元）',
  'admin.caps.teacherMonth': '每位教师每月（美元）',
  'admin.caps.none': '不设上限',
  'admin.caps.submit': '设定上限',
  'admin.caps.spent': '今日已花费：{day}。本月：{month}。',
  'admin.caps.fromEnv': '尚未保存：在你保存之前，适用服务器的设置（LUMI_SPEND_CAP_*）。',
  'admin.models.title': '学生个人会话可用的模型',
  'admin.models.intro': '学生在任何班级之外的会话中可以使用哪些模型。班级仍使用其教师选定的模型。',
  'admin.models.default': '尚未选择：目前开放的是低价模型（下方已勾选）。',
  'admin.models.submit': '使用这些模型',
  'admin.models.price': '每百万 token：输入 ${input} / 输出 ${output}',
  'teacher.pendingApproval': '你的教师账号正在等待学校管理员批准。在此之前你可以先看看，但还不能创建班级。',
  'error.TEACHER_NOT_APPROVED': '你的教师账号正在等待学校管理员批准。批准后即可创建班级。',
  'auth.signUpNotSignedIn':
    '无法用这些信息为你登录。如果这个邮箱已经有 Lumi 账号，请用该账号的密码登录；忘记密码的话，老师或管理员可以给你一个重置码。',
  'form.capAmount': '请输入 0 到 1,000,000 之间的美元金额，例如 25 或 2.50，或者留空。',
  'form.pickModel': '请至少选择一个模型。',
};
