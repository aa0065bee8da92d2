// Entry: Vue, Element Plus (zh-cn, only the components the console uses), the router.
import { createApp } from 'vue'
// Day.js's Chinese locale, which Element Plus's calendars read (App.vue's zh-cn): weeks start on
// Monday (一), as in China; without it they would start on Sunday.
import 'dayjs/locale/zh-cn'
import {
  ElAlert, ElAside, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCol,
  ElCollapse, ElCollapseItem, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDivider, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem,
  ElHeader, ElIcon, ElInput, ElInputNumber, ElInputTag, ElLoading, ElMain, ElMenu, ElMenuItem,
  ElOption, ElPagination, ElProgress, ElRadio, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton,
  ElSlider, ElSteps, ElStep, ElSubMenu, ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElTreeSelect,
  ElSwitch, ElTabPane, ElTabs, ElText, ElTimeline, ElUpload, ElCascader, ElCheckbox, ElLink,
} from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import './styles.css'

const app = createApp(App)
for (const c of [
  ElAlert, ElAside, ElBadge, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCol,
  ElCollapse, ElCollapseItem, ElConfigProvider, ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog,
  ElDivider, ElDrawer, ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem,
  ElHeader, ElIcon, ElInput, ElInputNumber, ElInputTag, ElLoading, ElMain, ElMenu, ElMenuItem,
  ElOption, ElPagination, ElProgress, ElRadio, ElResult, ElRow, ElScrollbar, ElSelect, ElSkeleton,
  ElSlider, ElSteps, ElStep, ElSubMenu, ElTable, ElTableColumn, ElTag, ElTooltip, ElTree, ElTreeSelect,
  ElSwitch, ElTabPane, ElTabs, ElText, ElTimeline, ElUpload, ElCascader, ElCheckbox, ElLink,
]) {
  app.use(c)
}
app.use(router)
app.mount('#app')
