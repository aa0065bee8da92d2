// Entry: Vue, Element Plus (zh-cn, only the components the console uses), the router.
import { createApp } from 'vue'
import {
  ElAlert, ElAside, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCol, ElConfigProvider,
  ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer,
  ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon,
  ElInput, ElInputTag, ElLoading, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElResult,
  ElRow, ElScrollbar, ElSelect, ElSkeleton, ElSteps, ElStep, ElTable, ElTableColumn, ElTag,
  ElTooltip, ElTree, ElTreeSelect, ElSwitch, ElText,
} from 'element-plus'
import 'element-plus/dist/index.css'
import App from './App.vue'
import router from './router.js'
import './styles.css'

const app = createApp(App)
for (const c of [
  ElAlert, ElAside, ElBreadcrumb, ElBreadcrumbItem, ElButton, ElCard, ElCol, ElConfigProvider,
  ElContainer, ElDatePicker, ElDescriptions, ElDescriptionsItem, ElDialog, ElDivider, ElDrawer,
  ElDropdown, ElDropdownItem, ElDropdownMenu, ElEmpty, ElForm, ElFormItem, ElHeader, ElIcon,
  ElInput, ElInputTag, ElLoading, ElMain, ElMenu, ElMenuItem, ElOption, ElPagination, ElResult,
  ElRow, ElScrollbar, ElSelect, ElSkeleton, ElSteps, ElStep, ElTable, ElTableColumn, ElTag,
  ElTooltip, ElTree, ElTreeSelect, ElSwitch, ElText,
]) {
  app.use(c)
}
app.use(router)
app.mount('#app')
