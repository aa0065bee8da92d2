// The shared file components (components/FileUpload, FileList, FilePreview): uploads, lists,
// previews of evidence and attachments.
export default {
  files: {
    upload: '上传文件',
    uploadHint: '支持 PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD，单个文件不超过20MB，最多20个',
    badType: '不支持的文件类型：仅支持 PDF、图片（PNG/JPG/GIF）、Office 与 WPS 文档、OFD',
    tooLarge: '文件“{name}”超过20MB',
    tooMany: '最多上传{n}个文件',
    remove: '移除',
    preview: '预览',
    download: '下载',
    pages: '共{n}页',
    morePages: '仅预览前{n}页（共{total}页），请下载查看全文',
    previewFailed: '无法预览该文件，请下载后查看',
    previewInvalid: '文件内容不是有效的PDF，可能已损坏',
    previewEncrypted: '该PDF已加密，无法在线预览',
    previewError: '读取文件时出错',
    noPreview: 'Office、WPS、OFD 文件请下载后查看',
  },
  auditField: {
    attachment: {
      entity_type: '所属对象类型',
      entity_id: '所属对象ID',
      filename: '文件名',
      mime: '文件类型',
      size: '大小（字节）',
      sha256: 'SHA-256',
    },
  },
}
